# bench.mk - the benchmark guest: tests/bench/*.c become $(B)/bench/bench.elf,
# a test guest like the others (linked with tests/guests/lib), so the same
# binary runs on Ringleader and on Xen.  tools/bench.sh runs it; the
# bench-smoke test runs it with tiny sizes.  Included by the Makefile
# after tests/guests/guests.mk, whose framework objects it links.

BENCH_SRCS := $(wildcard tests/bench/*.c)
BENCH_OBJS := $(BENCH_SRCS:tests/bench/%.c=$(B)/bench/obj/%.o)
BENCH_ELF := $(B)/bench/bench.elf

$(B)/bench/obj/%.o: tests/bench/%.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS) -c $< -o $@
$(BENCH_ELF): $(BENCH_OBJS) $(TG_LIB_OBJS) $(TG_LD)
	@echo "  LD      $@"
	$(Q)$(LD) $(LDFLAGS) -T $(TG_LD) -o $@ $(BENCH_OBJS) $(TG_LIB_OBJS) $(LIBGCC)
