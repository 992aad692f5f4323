/*
 * cpu-fpu-isolation: two domains use the x87 FPU and an SSE register at
 * once.  Each starts with an empty register stack (nothing left by the
 * other), loads its own values, yields to the other several times, and
 * must get them back.
 */
#include "../lib/test.h"

const char test_title[] = "domains never see each other's FPU registers";

#define YIELDS 5
#define FPU_TAG_EMPTY 0xFFFF

struct fpu_env {
    uint32_t control, status, tag, ip, cs, dp, ds;
};

void test_main(void)
{
    char variant[8];
    int32_t mine, back = 0;
    float xmm_in, xmm_out = 0;
    struct fpu_env env;

    test_variant(variant, sizeof(variant));
    mine = variant[0] == 'a' ? 1234567 : -7654321;
    __asm__ volatile ("fnstenv %0" : "=m" (env));
    if ((env.tag & 0xFFFF) != FPU_TAG_EMPTY)
        test_failure("the FPU stack is not empty at start (tag word %#x)", env.tag & 0xFFFF);
    __asm__ volatile ("fildl %0" : : "m" (mine));
    xmm_in = variant[0] == 'a' ? 1.5f : -2.25f;
    __asm__ volatile ("movss %0, %%xmm0" : : "m" (xmm_in));
    for (int i = 0; i < YIELDS; i++)
        hypercall_yield();
    __asm__ volatile ("fistpl %0" : "=m" (back));
    __asm__ volatile ("movss %%xmm0, %0" : "=m" (xmm_out));
    if (memcmp(&xmm_in, &xmm_out, sizeof(xmm_in)))
        test_failure("xmm0 did not keep its value across the yields");
    if (back != mine)
        test_failure("loaded %d, read back %d", (int)mine, (int)back);
    else
        printf("%s: got %d back after %d yields\n", variant, (int)back, YIELDS);
    test_success();
}
