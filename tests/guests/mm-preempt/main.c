/*
 * mm-preempt: very long page-table batches are preempted and continued,
 * as Xen's are.  The "batch" domain sends one multicall of 8 mmu_updates
 * of 16384 requests each: every one completes exactly (done = 16384,
 * result 0, the entries as written), although the hypervisor broke the
 * work up many times (it counts the continuations in its summary), and
 * the "quick" domain started beside it (on Ringleader) runs too.  A fast
 * host may finish a multicall between two timer ticks, so it is sent
 * again (up to MAX_ROUNDS times) until a continuation has rewritten an
 * entry's arguments.
 */
#include "../lib/mm.h"

const char test_title[] = "long batches are preempted and continued";

#define REQUESTS 16384
#define CALLS 8
#define TABLE_PAGE 100          /* a scratch page past the request array */
#define MAX_ROUNDS 16

/* Did a continuation rewrite an entry (its count then has the flag)? */
static bool preempted(const struct multicall_entry *calls)
{
    for (unsigned c = 0; c < CALLS; c++)
        if (calls[c].args[1] != REQUESTS)
            return true;
    return false;
}

void test_main(void)
{
    char variant[8];
    struct mmu_update *reqs = (struct mmu_update *)scratch_va(0);
    pfn_t table = scratch_pfn(TABLE_PAGE);
    const pte_t *l1 = pfn_to_virt(table);
    struct multicall_entry calls[CALLS];
    uint32_t done[CALLS];

    test_variant(variant, sizeof(variant));
    if (strcmp(variant, "batch")) {
        printf("quick ran\n");
        test_success();
        return;
    }
    expect_rc("make and pin an L1", pmap_make_table(table) ?: pmap_pin(table, 1), 0);
    for (unsigned i = 0; i < REQUESTS; i++)
        reqs[i] = (struct mmu_update){
            (pfn_to_maddr(table) + (i % 512) * sizeof(pte_t)) | MMU_NORMAL_PT_UPDATE,
            /* Each pass over the L1 maps other pages: every request is work. */
            pfn_to_maddr(scratch_pfn(TABLE_PAGE + 1 + (i / 512) % 4)) | PMAP_KERNEL_RO,
        };
    /* A continuation rewrites its entry's arguments: until one shows, the
     * timer has not ticked during a batch yet (a fast host), so go again. */
    unsigned round = 0;
    do {
        for (unsigned c = 0; c < CALLS; c++) {
            done[c] = 0;
            calls[c] = (struct multicall_entry){ .op = __HYPERVISOR_mmu_update, .args = {
                (uint32_t)(uintptr_t)reqs, REQUESTS, (uint32_t)(uintptr_t)&done[c], DOMID_SELF } };
        }
        expect_rc("multicall of 8 x 16384 requests", hypercall_multicall(calls, CALLS), 0);
    } while (!preempted(calls) && ++round < MAX_ROUNDS);
    if (!preempted(calls))
        test_failure("no batch was preempted in %u rounds", MAX_ROUNDS);
    for (unsigned c = 0; c < CALLS; c++)
        if (calls[c].result != 0 || done[c] != REQUESTS)
            test_failure("call %u: result %d, done %u", c, (int)calls[c].result, done[c]);
    for (unsigned i = REQUESTS - 512; i < REQUESTS; i++)
        if (l1[i % 512] != reqs[i].val) {
            test_failure("entry %u reads %#llx", i % 512, (unsigned long long)l1[i % 512]);
            break;
        }
    expect_rc("unpin", pmap_unpin(table), 0);
    test_success();
}
