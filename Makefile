# Ringleader: a Xen-compatible paravirtualizing hypervisor for 32-bit x86.
#
#   make          build the hypervisor, the guest kernel, the test guests, the ISO
#   make run      boot the GRUB2 ISO in QEMU on the serial console
#   make test     host unit tests (Check) and QEMU integration tests, on
#                 Ringleader and (differentially) on real Xen 4.17; XEN=0 skips Xen
#   make debug    like run, but QEMU waits for gdb on :1234
#   make bench    the benchmark guest on Ringleader, under QEMU -icount and TCG
#                 (docs/benchmarks.md); make bench-compare: on Ringleader and Xen;
#                 ISOLATION=split|segments|both runs Ringleader in those modes
#   make fuzz     a long hypercall-fuzzer run beside a witness domain:
#                 SEED=S (default 1), N=calls (default 1000000); tools/fuzz.sh
#   make clean
#
# Everything is built into build/.  tools/deps.sh installs what is missing.

B := build
# Quiet by default; V=1 shows every command.
Q := $(if $(V),,@)
DEPS_STAMP := $(B)/.deps-ok

# Cross compiler: i686-linux-gnu-gcc if present, else the host gcc with -m32.
# Flags that ask the compiler are recursive (=): they are expanded only
# once tools/deps.sh has installed the 32-bit toolchain.
CROSS := $(shell command -v i686-linux-gnu-gcc >/dev/null 2>&1 && echo i686-linux-gnu-)
CC := $(CROSS)gcc
LD := $(CROSS)ld
NM := $(CROSS)nm
OBJCOPY := $(CROSS)objcopy
OBJDUMP := $(CROSS)objdump

ARCH_CFLAGS = -m32 -march=i686 -mgeneral-regs-only -ffreestanding -fno-pic -fno-pie \
	-fno-stack-protector -fno-omit-frame-pointer -fno-builtin -fno-strict-aliasing \
	-nostdinc -isystem $(shell $(CC) -m32 -print-file-name=include)
WARN_CFLAGS := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CFLAGS = -std=gnu11 -O2 -g $(ARCH_CFLAGS) $(WARN_CFLAGS) -MMD -MP
ASFLAGS := -m32 -g -D__ASSEMBLER__ -MMD -MP
LDFLAGS := -m elf_i386 -nostdlib --no-warn-rwx-segments -z noexecstack
LIBGCC = $(shell $(CC) -m32 -print-libgcc-file-name)

.PHONY: all run test debug clean iso guests unit-build bench bench-compare fuzz
all: $(DEPS_STAMP) $(B)/ringleader.iso guests

$(DEPS_STAMP): tools/deps.sh
	@tools/deps.sh
	@mkdir -p $(B) && touch $@

# ---- the freestanding library, shared by hypervisor and guests ----
LIB_SRCS := hypervisor/lib/string.c hypervisor/lib/vsnprintf.c
LIB_OBJS := $(LIB_SRCS:%.c=$(B)/%.o)

# ---- the hypervisor ----
HV_INC := -Ihypervisor/include
HV_SRCS := $(wildcard hypervisor/arch/x86/*.c hypervisor/common/*.c)
HV_ASMS := $(wildcard hypervisor/arch/x86/*.S)
HV_OBJS := $(HV_ASMS:%.S=$(B)/%.o) $(HV_SRCS:%.c=$(B)/%.o) $(LIB_OBJS)
HV := $(B)/ringleader.elf

$(B)/hypervisor/%.o: hypervisor/%.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS) $(HV_INC) -c $< -o $@
$(B)/hypervisor/%.o: hypervisor/%.S | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(CC) $(ASFLAGS) $(HV_INC) -c $< -o $@

# Two passes: link with an empty symbol table, generate the real one from
# that image, link again.  The table sits last in .rodata, so no code moves.
$(B)/hv-syms0.S: tools/gensyms.sh
	@mkdir -p $(B)
	$(Q)tools/gensyms.sh > $@
$(B)/hv-pass1.elf: $(HV_OBJS) $(B)/hv-syms0.o hypervisor/hypervisor.ld
	$(Q)$(LD) $(LDFLAGS) -T hypervisor/hypervisor.ld -o $@ $(HV_OBJS) $(B)/hv-syms0.o $(LIBGCC)
$(B)/hv-syms.S: $(B)/hv-pass1.elf tools/gensyms.sh
	$(Q)tools/gensyms.sh $< > $@
$(B)/%.o: $(B)/%.S
	$(Q)$(CC) $(ASFLAGS) -c $< -o $@
$(HV): $(HV_OBJS) $(B)/hv-syms.o hypervisor/hypervisor.ld
	@echo "  LD      $@"
	$(Q)$(LD) $(LDFLAGS) -T hypervisor/hypervisor.ld -o $@ $(HV_OBJS) $(B)/hv-syms.o $(LIBGCC)
	$(Q)$(NM) -n $@ > $(B)/ringleader.sym
	$(Q)$(OBJDUMP) -d $@ > $(B)/ringleader.asm

# ---- guests: the guest kernel and the test guests ----
GUEST_CFLAGS = $(CFLAGS)
$(B)/guest-kernel/%.o: guest-kernel/%.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(GUEST_CFLAGS) -c $< -o $@
$(B)/guest-kernel/%.o: guest-kernel/%.S | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(CC) $(ASFLAGS) -c $< -o $@

GK_SRCS := $(wildcard guest-kernel/*.c guest-kernel/*.S)
GK_OBJS := $(patsubst %,$(B)/%.o,$(basename $(GK_SRCS))) $(LIB_OBJS)
GUEST := $(B)/guest-kernel.elf
$(GUEST): $(GK_OBJS) guest-kernel/kernel.ld
	@echo "  LD      $@"
	$(Q)$(LD) $(LDFLAGS) -T guest-kernel/kernel.ld -o $@ $(GK_OBJS) $(LIBGCC)

include tests/guests/guests.mk
include tests/bench/bench.mk
guests: $(GUEST) $(TEST_GUESTS) $(BENCH_ELF)

# ---- the GRUB2 ISO ----
ISO := $(B)/ringleader.iso
$(ISO): $(HV) $(GUEST) tools/mkiso.sh
	@echo "  ISO     $@"
	$(Q)tools/mkiso.sh $@ $(HV) $(GUEST)
iso: $(ISO)

# ---- running ----
run: all
	tools/qemu.sh --iso $(ISO)
debug: all
	tools/qemu.sh --gdb --iso $(ISO)

# ---- tests ----
include tests/unit/unit.mk
test: all unit-build
	@tests/run --unit $(UNIT_TESTS) --hv $(HV) --iso $(ISO) --guest $(GUEST) --guests $(B)/tests $(if $(filter 0,$(XEN)),,--xen)

# ---- benchmarks: build/bench/results.{txt,csv}, pte-batching.png ----
# ISOLATION=split|segments|both: Ringleader once per isolation mode.
BENCH_FLAGS := $(if $(ISOLATION),--isolation $(ISOLATION))
bench: all
	@tools/bench.sh $(BENCH_FLAGS)
bench-compare: all
	@tools/bench.sh --compare $(BENCH_FLAGS)

# ---- fuzzing: sec-fuzz beside sec-witness; log in build/fuzz/ ----
fuzz: all
	@tools/fuzz.sh --seed $(or $(SEED),1) --n $(or $(N),1000000)

clean:
	rm -rf $(B)

# Keep intermediate objects (test-guest main.o files) so rebuilds stay incremental.
.SECONDARY:

-include $(shell find $(B) -name '*.d' 2>/dev/null)
