# tests/unit/unit.mk - host unit tests (Check) for the hypervisor's pure logic.
# Included by the top-level Makefile, which defines B and Q.
#
#   make unit-build   builds $(UNIT_TESTS); run it to get Check's summary.
#
# The files under test are compiled unchanged, with the host gcc, from
# their own paths; the library they call (snprintf, memcpy...) is glibc's,
# and lib/vsnprintf.c and lib/string.c are built under other names by
# rl_vsnprintf.c and rl_string.c.

UNIT_CC := gcc
UNIT_TESTS := $(B)/unit/rl-unit

# Flags that ask a tool are worked out once, on first use, so other
# targets never run them.
#
# AddressSanitizer and UBSan, when this machine's gcc can link them.  UB
# aborts the test (-fno-sanitize-recover), which Check reports as an error.
# The alignment check is off: elf.c reads headers through struct pointers
# at offsets taken from the image, which x86 allows.
UNIT_SAN = $(eval UNIT_SAN := $(shell echo 'int main(void){return 0;}' | \
	$(UNIT_CC) -x c -fsanitize=address,undefined -o /dev/null - >/dev/null 2>&1 && \
	echo -fsanitize=address,undefined -fno-sanitize=alignment -fno-sanitize-recover=all))$(UNIT_SAN)
UNIT_CHECK_CFLAGS = $(eval UNIT_CHECK_CFLAGS := $(shell pkg-config --cflags check))$(UNIT_CHECK_CFLAGS)
UNIT_LDLIBS = $(eval UNIT_LDLIBS := $(shell pkg-config --libs check))$(UNIT_LDLIBS)
UNIT_CFLAGS = -std=gnu11 -O1 -g -Wall -Wextra -Werror -Ihypervisor/include \
	-fno-omit-frame-pointer $(UNIT_SAN) $(UNIT_CHECK_CFLAGS) -MMD -MP

UNIT_UNDER_TEST := hypervisor/common/elf.c hypervisor/common/cmdline.c hypervisor/common/guest_descriptor.c \
	hypervisor/common/frame.c hypervisor/common/bootmem.c hypervisor/common/layout.c \
	hypervisor/common/mm.c hypervisor/common/x86_decode.c hypervisor/common/sched_policy.c \
	hypervisor/common/ioport_map.c hypervisor/common/isolation_policy.c
UNIT_SRCS := $(wildcard tests/unit/*.c)
UNIT_OBJS := $(patsubst %.c,$(B)/unit/%.o,$(UNIT_UNDER_TEST) $(UNIT_SRCS))

.PHONY: unit-build
unit-build: $(UNIT_TESTS)

$(UNIT_TESTS): $(UNIT_OBJS)
	@echo "  HOSTLD  $@"
	$(Q)$(UNIT_CC) $(UNIT_SAN) -o $@ $(UNIT_OBJS) $(UNIT_LDLIBS)

$(B)/unit/%.o: %.c tests/unit/unit.mk
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	$(Q)$(UNIT_CC) $(UNIT_CFLAGS) -c $< -o $@

-include $(UNIT_OBJS:.o=.d)
