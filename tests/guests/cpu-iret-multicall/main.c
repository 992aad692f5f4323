/*
 * cpu-iret-multicall: an iret inside a multicall ends the batch, as in
 * Xen (the XSA-213 class of bugs).  The iret switches the guest's frame to
 * the context it returns to, so nothing may run after it: the guest must
 * arrive exactly at the iret's target, with the EAX of the iret frame (also
 * the iret entry's result), and the entries after the iret must not run
 * (their result fields and side effects stay untouched).
 *
 * Two batches:
 *  - quick: iret, then two short calls that would write their results;
 *  - preempted: long mmu_updates that are preempted and continued before
 *    the iret is reached (sent again, up to MAX_ROUNDS times, until a
 *    continuation shows in their rewritten arguments; the iret frame must
 *    still be found), then the iret, then long batches that a hypervisor
 *    running them would also preempt -- and continuing the multicall
 *    after the iret would land the guest two bytes before the iret's
 *    target.
 */
#include "../lib/mm.h"

const char test_title[] = "an iret ends a multicall at its target";

#define MAGIC 0x1EE7C0DEU               /* the EAX in the iret frame */
#define UNTOUCHED 0x5EE5EE5E            /* results no one may write */
#define EFLAGS_MBS 0x2U                 /* IF clear: events stay masked */
#define REQUESTS 16384
#define LONG_BEFORE 8                   /* long enough to span several timer ticks */
#define LONG_AFTER 3
#define IRET_AT LONG_BEFORE
#define TABLE_PAGE 100                  /* past the 64-page request array */
#define MAX_ROUNDS 16

struct landing {
    uint32_t eax;       /* EAX where the guest resumed */
    uint32_t early;     /* bytes it resumed before the iret's target */
};

/*
 * Push an iret frame returning to label 1 with EAX = MAGIC, and jump (not
 * call) to the multicall stub, so that the frame is what the stub's
 * "int $0x82" finds at ESP -- where the iret entry reads it.  The two
 * one-byte "inc %ebp" before the target count how early a wrong resume
 * lands.  EBP is the frame pointer: saved by hand, and the frame is built
 * from immediates only.
 */
static struct landing multicall_with_iret(struct multicall_entry *calls, uint32_t n)
{
    struct landing l;
    uint32_t b = (uint32_t)(uintptr_t)calls, c = n;

    __asm__ volatile ("push %%ebp\n\t"
                      "xor %%ebp, %%ebp\n\t"
                      "pushl %[fl]\n\t"
                      "pushl %[cs]\n\t"
                      "pushl $1f\n\t"
                      "pushl %[magic]\n\t"
                      "jmp hypercall_page + 13 * 32\n\t"
                      "inc %%ebp\n\t"
                      "inc %%ebp\n"
                      "1:\n\t"
                      "mov %%ebp, %%edx\n\t"
                      "pop %%ebp"
                      : "=a" (l.eax), "=d" (l.early), "+b" (b), "+c" (c)
                      : [fl] "i" (EFLAGS_MBS), [cs] "i" (FLAT_RING1_CS), [magic] "i" (MAGIC)
                      : "memory", "esi", "edi");
    return l;
}

static void check_landing(const char *batch, struct landing l)
{
    if (l.early)
        test_failure("%s: the guest resumed %u bytes before the iret's target (EAX %#x)",
                     batch, l.early, l.eax);
    else
        expect_rc(batch, (long)l.eax, (long)MAGIC);
}

static void check_untouched(const char *batch, const struct multicall_entry *calls,
                            unsigned from, unsigned n)
{
    for (unsigned i = from; i < n; i++)
        if ((uint32_t)calls[i].result != UNTOUCHED)
            test_failure("%s: entry %u after the iret ran (result %d)", batch, i,
                         (int)calls[i].result);
}

static void quick_batch(void)
{
    static const char text[] = "Failure: a call after the iret ran\n";
    struct multicall_entry calls[] = {
        { .op = __HYPERVISOR_iret },
        { .op = __HYPERVISOR_mmu_update, .args = { MACH2PHYS_VIRT_END, 1, 0, DOMID_SELF } },
        { .op = __HYPERVISOR_console_io,
          .args = { CONSOLEIO_write, sizeof(text) - 1, (uint32_t)(uintptr_t)text } },
    };

    for (unsigned i = 0; i < ARRAY_SIZE(calls); i++)
        calls[i].result = (int32_t)UNTOUCHED;
    check_landing("quick: EAX at the iret's target", multicall_with_iret(calls, ARRAY_SIZE(calls)));
    expect_rc("quick: the iret entry's result", (uint32_t)calls[0].result, MAGIC);
    check_untouched("quick", calls, 1, ARRAY_SIZE(calls));
}

/* REQUESTS updates of one pinned L1's entries, as mm-preempt makes them. */
static struct mmu_update *long_requests(void)
{
    struct mmu_update *reqs = (struct mmu_update *)scratch_va(0);
    pfn_t table = scratch_pfn(TABLE_PAGE);

    expect_rc("make and pin an L1", pmap_make_table(table) ?: pmap_pin(table, 1), 0);
    for (unsigned i = 0; i < REQUESTS; i++)
        reqs[i] = (struct mmu_update){
            (pfn_to_maddr(table) + (i % 512) * sizeof(pte_t)) | MMU_NORMAL_PT_UPDATE,
            /* Each pass over the L1 maps other pages: every request is work. */
            pfn_to_maddr(scratch_pfn(TABLE_PAGE + 1 + (i / 512) % 4)) | PMAP_KERNEL_RO,
        };
    return reqs;
}

/* Did a continuation rewrite one of the entries before the iret? */
static bool preempted_before_iret(const struct multicall_entry *calls)
{
    for (unsigned i = 0; i < IRET_AT; i++)
        if (calls[i].args[1] != REQUESTS)
            return true;
    return false;
}

/* One multicall: long batches, the iret, long batches; false if none of
 * the batches before the iret was preempted (the timer did not tick). */
static bool preempted_batch(struct mmu_update *reqs)
{
    struct multicall_entry calls[LONG_BEFORE + 1 + LONG_AFTER];
    uint32_t done[ARRAY_SIZE(calls)];

    for (unsigned i = 0; i < ARRAY_SIZE(calls); i++) {
        done[i] = UNTOUCHED;
        calls[i] = (struct multicall_entry){ .op = __HYPERVISOR_mmu_update,
            .result = (int32_t)UNTOUCHED, .args = { (uint32_t)(uintptr_t)reqs, REQUESTS,
                                                    (uint32_t)(uintptr_t)&done[i], DOMID_SELF } };
    }
    calls[IRET_AT] = (struct multicall_entry){ .op = __HYPERVISOR_iret,
                                               .result = (int32_t)UNTOUCHED };
    check_landing("preempted: EAX at the iret's target",
                  multicall_with_iret(calls, ARRAY_SIZE(calls)));
    for (unsigned i = 0; i < IRET_AT; i++)
        if (calls[i].result != 0 || done[i] != REQUESTS)
            test_failure("preempted: batch %u before the iret: result %d, done %u", i,
                         (int)calls[i].result, done[i]);
    expect_rc("preempted: the iret entry's result", (uint32_t)calls[IRET_AT].result, MAGIC);
    check_untouched("preempted", calls, IRET_AT + 1, ARRAY_SIZE(calls));
    for (unsigned i = IRET_AT + 1; i < ARRAY_SIZE(calls); i++)
        if (done[i] != UNTOUCHED)
            test_failure("preempted: batch %u after the iret ran (done %u)", i, done[i]);
    return preempted_before_iret(calls);
}

void test_main(void)
{
    struct mmu_update *reqs;
    unsigned round = 0;

    quick_batch();
    reqs = long_requests();
    /* A fast host may finish the batches between two timer ticks: again,
     * until one before the iret was preempted. */
    while (!preempted_batch(reqs) && ++round < MAX_ROUNDS)
        ;
    if (round == MAX_ROUNDS)
        test_failure("no batch before the iret was preempted in %u rounds", MAX_ROUNDS);
    expect_rc("unpin", pmap_unpin(scratch_pfn(TABLE_PAGE)), 0);
    test_success();
}
