# tests/unit/unit.mk - host unit tests (Check) for the hypervisor's pure logic.
# Included by the top-level Makefile, which defines B.
#
#   make unit-build   builds $(UNIT_TESTS); run it to get Check's summary.
#
# The files under test are compiled unchanged, with the host gcc, from
# their own paths; the library they call (snprintf, memcpy...) is glibc's.
# CK_EXCLUDE_TAGS=known-bug skips the tests that pin down known bugs.

UNIT_CC := gcc
UNIT_TESTS := $(B)/unit/rl-unit

# AddressSanitizer and UBSan, when this machine's gcc can link them.  UB
# aborts the test (-fno-sanitize-recover), which Check reports as an error.
# The alignment check is off: elf.c reads headers through struct pointers
# at offsets taken from the image, fine on x86 (see the malformed-image
# tests, which use aligned offsets).
UNIT_SAN := $(shell echo 'int main(void){return 0;}' | \
	$(UNIT_CC) -x c -fsanitize=address,undefined -o /dev/null - >/dev/null 2>&1 && \
	echo -fsanitize=address,undefined -fno-sanitize=alignment -fno-sanitize-recover=all)

UNIT_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -Ihypervisor/include \
	-fno-omit-frame-pointer $(UNIT_SAN) $(shell pkg-config --cflags check) -MMD -MP
UNIT_LDLIBS := $(shell pkg-config --libs check)

UNIT_UNDER_TEST := hypervisor/common/elf.c hypervisor/common/cmdline.c \
	hypervisor/common/frame.c hypervisor/common/bootmem.c hypervisor/common/layout.c
UNIT_SRCS := $(wildcard tests/unit/*.c)
UNIT_OBJS := $(patsubst %.c,$(B)/unit/%.o,$(UNIT_UNDER_TEST) $(UNIT_SRCS))

.PHONY: unit-build
unit-build: $(UNIT_TESTS)

$(UNIT_TESTS): $(UNIT_OBJS)
	$(UNIT_CC) $(UNIT_SAN) -o $@ $(UNIT_OBJS) $(UNIT_LDLIBS)

$(B)/unit/%.o: %.c tests/unit/unit.mk
	@mkdir -p $(dir $@)
	$(UNIT_CC) $(UNIT_CFLAGS) -c $< -o $@

-include $(UNIT_OBJS:.o=.d)
