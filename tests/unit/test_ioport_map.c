/*
 * test_ioport_map.c - ioport_use(): the port space of domain 0 and of the
 * other domains, port by port at the edges of every range.
 */
#include "unit.h"
#include "ioport.h"

static const struct {
    uint32_t port;
    enum ioport_use dom0, other;
} ports[] = {
    { 0x0000, IOPORT_DIRECT, IOPORT_REFUSED },      /* DMA controller */
    { 0x001F, IOPORT_DIRECT, IOPORT_REFUSED },
    { 0x0020, IOPORT_KEPT, IOPORT_REFUSED },        /* PIC 1 */
    { 0x0021, IOPORT_KEPT, IOPORT_REFUSED },
    { 0x0022, IOPORT_DIRECT, IOPORT_REFUSED },
    { 0x003F, IOPORT_DIRECT, IOPORT_REFUSED },
    { 0x0040, IOPORT_KEPT, IOPORT_REFUSED },        /* PIT */
    { 0x0043, IOPORT_KEPT, IOPORT_REFUSED },
    { 0x0044, IOPORT_DIRECT, IOPORT_REFUSED },
    { 0x0061, IOPORT_DIRECT, IOPORT_REFUSED },
    { 0x006F, IOPORT_DIRECT, IOPORT_REFUSED },
    { 0x0070, IOPORT_RTC_INDEX, IOPORT_REFUSED },
    { 0x0071, IOPORT_RTC_DATA, IOPORT_REFUSED },
    { 0x0072, IOPORT_DIRECT, IOPORT_REFUSED },
    { 0x0080, IOPORT_DIRECT, IOPORT_REFUSED },      /* POST codes */
    { 0x009F, IOPORT_DIRECT, IOPORT_REFUSED },
    { 0x00A0, IOPORT_KEPT, IOPORT_REFUSED },        /* PIC 2 */
    { 0x00A1, IOPORT_KEPT, IOPORT_REFUSED },
    { 0x00A2, IOPORT_DIRECT, IOPORT_REFUSED },
    { 0x00F3, IOPORT_DIRECT, IOPORT_REFUSED },
    { 0x00F4, IOPORT_KEPT, IOPORT_REFUSED },        /* isa-debug-exit */
    { 0x00F7, IOPORT_KEPT, IOPORT_REFUSED },
    { 0x00F8, IOPORT_DIRECT, IOPORT_REFUSED },
    { 0x03F7, IOPORT_DIRECT, IOPORT_REFUSED },
    { 0x03F8, IOPORT_UART, IOPORT_UART },           /* COM1 */
    { 0x03FF, IOPORT_UART, IOPORT_UART },
    { 0x0400, IOPORT_DIRECT, IOPORT_REFUSED },
    { 0x0CF8, IOPORT_DIRECT, IOPORT_REFUSED },      /* PCI configuration */
    { 0xFFFF, IOPORT_DIRECT, IOPORT_REFUSED },
    { 0x10000, IOPORT_KEPT, IOPORT_REFUSED },       /* past the top of a wide access */
    { 0x10002, IOPORT_KEPT, IOPORT_REFUSED },
};

START_TEST(each_port_has_its_use)
{
    ck_assert_msg(ioport_use(ports[_i].port, true) == ports[_i].dom0,
                  "port %#x for domain 0: %d, expected %d", ports[_i].port,
                  ioport_use(ports[_i].port, true), ports[_i].dom0);
    ck_assert_msg(ioport_use(ports[_i].port, false) == ports[_i].other,
                  "port %#x for another domain: %d, expected %d", ports[_i].port,
                  ioport_use(ports[_i].port, false), ports[_i].other);
}
END_TEST

Suite *ioport_map_suite(void)
{
    Suite *s = suite_create("ioport_map");
    TCase *tc = tcase_create("ioport_use");

    tcase_add_loop_test(tc, each_port_has_its_use, 0, ARRAY_SIZE(ports));
    suite_add_tcase(s, tc);
    return s;
}
