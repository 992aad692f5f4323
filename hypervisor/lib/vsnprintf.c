/*
 * vsnprintf.c - formatted output into a bounded buffer (see lib.h).
 *
 * The output goes through a tiny cursor that counts every character, so
 * the return value is the untruncated length, as C99 requires.
 */
#include <stdbool.h>
#include "lib.h"

struct out {
    char *buf;
    size_t size;
    size_t len;     /* characters produced so far (may exceed size) */
};

struct spec {
    int left, zero, alt, space, plus;
    int width;
    int precision;  /* -1: none */
    int length;     /* 0, 'h', 'H' (hh), 'l', 'L' (ll), 'z' */
};

static void put(struct out *o, char c)
{
    if (o->len + 1 < o->size)
        o->buf[o->len] = c;
    o->len++;
}

static void pad(struct out *o, char c, int n)
{
    while (n-- > 0)
        put(o, c);
}

static void put_str(struct out *o, const struct spec *sp, const char *s)
{
    int len;

    if (!s)
        s = "(null)";
    len = (int)strnlen(s, sp->precision < 0 ? (size_t)-1 : (size_t)sp->precision);
    if (!sp->left)
        pad(o, ' ', sp->width - len);
    for (int i = 0; i < len; i++)
        put(o, s[i]);
    if (sp->left)
        pad(o, ' ', sp->width - len);
}

/* Format an unsigned magnitude with sign/prefix, width and precision. */
static void put_num(struct out *o, const struct spec *sp, unsigned long long v,
                    unsigned base, int upper, char sign)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24];
    int n = 0, prefix_len, zeros, total;
    const char *prefix = "";
    const bool nonzero = v != 0;

    do {
        tmp[n++] = digits[v % base];
        v /= base;
    } while (v);
    if (sp->precision == 0 && n == 1 && tmp[0] == '0')
        n = 0;
    if (sp->alt && base == 16 && nonzero)   /* C: "0x" only for nonzero values */
        prefix = upper ? "0X" : "0x";
    zeros = sp->precision > n ? sp->precision - n : 0;
    /* C: '#' with 'o' makes the first digit a 0, unless it already is one. */
    if (sp->alt && base == 8 && zeros == 0 && (n == 0 || tmp[n - 1] != '0'))
        prefix = "0";
    prefix_len = (int)strlen(prefix) + (sign ? 1 : 0);
    total = prefix_len + zeros + n;
    if (sp->zero && !sp->left && sp->precision < 0 && sp->width > total) {
        zeros += sp->width - total;
        total = sp->width;
    }
    if (!sp->left)
        pad(o, ' ', sp->width - total);
    if (sign)
        put(o, sign);
    while (*prefix)
        put(o, *prefix++);
    pad(o, '0', zeros);
    while (n)
        put(o, tmp[--n]);
    if (sp->left)
        pad(o, ' ', sp->width - total);
}

static unsigned long long get_unsigned(const struct spec *sp, va_list *ap)
{
    switch (sp->length) {
    case 'L': return va_arg(*ap, unsigned long long);
    case 'l': return va_arg(*ap, unsigned long);
    case 'z': return va_arg(*ap, size_t);
    case 'h': return (unsigned short)va_arg(*ap, unsigned int);
    case 'H': return (unsigned char)va_arg(*ap, unsigned int);
    default:  return va_arg(*ap, unsigned int);
    }
}

static long long get_signed(const struct spec *sp, va_list *ap)
{
    switch (sp->length) {
    case 'L': return va_arg(*ap, long long);
    case 'l': return va_arg(*ap, long);
    case 'z': return (long long)va_arg(*ap, size_t);
    case 'h': return (short)va_arg(*ap, int);
    case 'H': return (signed char)va_arg(*ap, int);
    default:  return va_arg(*ap, int);
    }
}

/* Parse flags, width, precision and length; returns the conversion char. */
static const char *parse_spec(const char *fmt, struct spec *sp, va_list *ap)
{
    *sp = (struct spec){ .precision = -1 };
    for (;; fmt++) {
        if (*fmt == '-') sp->left = 1;
        else if (*fmt == '0') sp->zero = 1;
        else if (*fmt == '#') sp->alt = 1;
        else if (*fmt == ' ') sp->space = 1;
        else if (*fmt == '+') sp->plus = 1;
        else break;
    }
    if (*fmt == '*') {
        sp->width = va_arg(*ap, int);
        if (sp->width < 0) {
            sp->left = 1;
            sp->width = -sp->width;
        }
        fmt++;
    }
    while (*fmt >= '0' && *fmt <= '9')
        sp->width = sp->width * 10 + (*fmt++ - '0');
    if (*fmt == '.') {
        fmt++;
        sp->precision = 0;
        if (*fmt == '*') {
            sp->precision = va_arg(*ap, int);
            fmt++;
        }
        while (*fmt >= '0' && *fmt <= '9')
            sp->precision = sp->precision * 10 + (*fmt++ - '0');
    }
    while (*fmt == 'h' || *fmt == 'l' || *fmt == 'z') {
        sp->length = (*fmt == 'l' && sp->length == 'l') ? 'L' :
                     (*fmt == 'h' && sp->length == 'h') ? 'H' : *fmt;
        fmt++;
    }
    return fmt;
}

static void convert(struct out *o, char conv, const struct spec *sp, va_list *ap)
{
    long long sv;
    char sign;

    switch (conv) {
    case 'd':
    case 'i':
        sv = get_signed(sp, ap);
        sign = sv < 0 ? '-' : sp->plus ? '+' : sp->space ? ' ' : 0;
        put_num(o, sp, sv < 0 ? -(unsigned long long)sv : (unsigned long long)sv,
                10, 0, sign);
        break;
    case 'u': put_num(o, sp, get_unsigned(sp, ap), 10, 0, 0); break;
    case 'x': put_num(o, sp, get_unsigned(sp, ap), 16, 0, 0); break;
    case 'X': put_num(o, sp, get_unsigned(sp, ap), 16, 1, 0); break;
    case 'o': put_num(o, sp, get_unsigned(sp, ap), 8, 0, 0); break;
    case 'p': {
        struct spec p = *sp;
        p.alt = 1;
        put_num(o, &p, (uintptr_t)va_arg(*ap, void *), 16, 0, 0);
        break;
    }
    case 's': put_str(o, sp, va_arg(*ap, const char *)); break;
    case 'c':   /* even a NUL character is output and counted */
        if (!sp->left)
            pad(o, ' ', sp->width - 1);
        put(o, (char)va_arg(*ap, int));
        if (sp->left)
            pad(o, ' ', sp->width - 1);
        break;
    case '%': put(o, '%'); break;
    default:  /* unknown conversion: print it literally */
        put(o, '%');
        if (conv)
            put(o, conv);
        break;
    }
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct out o = { buf, size, 0 };
    struct spec sp;
    va_list args;

    va_copy(args, ap);
    while (*fmt) {
        if (*fmt != '%') {
            put(&o, *fmt++);
            continue;
        }
        fmt = parse_spec(fmt + 1, &sp, &args);
        convert(&o, *fmt, &sp, &args);
        if (*fmt)
            fmt++;
    }
    va_end(args);
    if (size)
        buf[o.len < size ? o.len : size - 1] = '\0';
    return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
