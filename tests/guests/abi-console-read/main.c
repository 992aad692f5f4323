/*
 * abi-console-read: console_io(read) by the initial domain, which owns the
 * console input.  With nothing typed it returns 0 bytes and leaves the
 * buffer alone; a count of 0 reads nothing.
 */
#include "../lib/expect.h"

const char test_title[] = "console_io(read) returns the waiting input, none here";

#define BUF 16

void test_main(void)
{
    char buf[BUF];

    memset(buf, 'x', sizeof(buf));
    expect_rc("console_io(read) with no input waiting",
              hypercall_console_io(CONSOLEIO_read, sizeof(buf), buf), 0);
    expect_rc("console_io(read) of 0 bytes", hypercall_console_io(CONSOLEIO_read, 0, buf), 0);
    for (int i = 0; i < BUF; i++)
        if (buf[i] != 'x') {
            test_failure("byte %d of the buffer changed with nothing read", i);
            break;
        }
    test_success();
}
