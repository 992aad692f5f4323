# guests.mk - build every test guest: tests/guests/NAME/main.c becomes
# $(B)/tests/NAME.elf, linked with the framework in tests/guests/lib.
# Also the malformed images that boot-bad-elf feeds to the domain builder,
# and boot-big-module's module.

TG_NAMES := $(patsubst tests/guests/%/main.c,%,$(wildcard tests/guests/*/main.c))
TG_LIB_OBJS := $(B)/tests/lib/head.o $(B)/tests/lib/test.o $(B)/tests/lib/traps.o \
	$(B)/tests/lib/traps_entry.o $(B)/tests/lib/user.o $(B)/tests/lib/user_entry.o \
	$(B)/guest-kernel/console.o \
	$(B)/guest-kernel/pmap.o $(LIB_OBJS)
TG_LD := tests/guests/lib/guest.ld
TG_BAD := $(addprefix $(B)/tests/,bad-truncated.elf bad-nonotes.elf bad-elf64.elf \
	bad-outside.elf bad-garbage.bin)
TG_BIG := $(B)/tests/big-module.bin
TEST_GUESTS := $(TG_NAMES:%=$(B)/tests/%.elf) $(TG_BAD) $(TG_BIG)

$(B)/tests/lib/%.o: tests/guests/lib/%.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS) -c $< -o $@
$(B)/tests/lib/%.o: tests/guests/lib/%.S | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(CC) $(ASFLAGS) -c $< -o $@
$(B)/tests/%/main.o: tests/guests/%/main.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS) -c $< -o $@
$(B)/tests/%.elf: $(B)/tests/%/main.o $(TG_LIB_OBJS) $(TG_LD)
	@echo "  LD      $@"
	$(Q)$(LD) $(LDFLAGS) -T $(TG_LD) -o $@ $< $(TG_LIB_OBJS) $(LIBGCC)

# Malformed images, each derived from boot-hello and refused for one reason.
TG_GOOD := $(B)/tests/boot-hello.elf
$(B)/tests/bad-truncated.elf: $(TG_GOOD)
	$(Q)head -c 1024 $< > $@
$(B)/tests/bad-nonotes.elf: $(TG_GOOD)
	$(Q)$(OBJCOPY) --remove-section .note.Xen $< $@
$(B)/tests/bad-elf64.elf: $(TG_GOOD)
	$(Q)$(OBJCOPY) -O elf64-x86-64 $< $@
$(B)/tests/bad-outside.elf: $(B)/tests/boot-hello/main.o $(TG_LIB_OBJS) $(TG_LD)
	@echo "  LD      $@"
	$(Q)$(LD) $(LDFLAGS) --defsym GUEST_LINK_BASE=0x4000000 -T $(TG_LD) -o $@ $< $(TG_LIB_OBJS) $(LIBGCC)
$(B)/tests/bad-garbage.bin:
	@mkdir -p $(dir $@)
	$(Q)printf 'this is not an ELF image\n' > $@

# 200 MiB of zeros for boot-big-module: sparse, so it costs no disk and
# no time to make; QEMU reads it as zeros.
$(TG_BIG):
	@mkdir -p $(dir $@)
	$(Q)truncate -s 200M $@
