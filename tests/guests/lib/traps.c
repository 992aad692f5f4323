/*
 * traps.c - expected faults as values (see traps.h).
 */
#include "traps.h"
#include "user.h"
#include "../../../guest-kernel/pmap.h"
#include "../../../guest-kernel/trap_stubs.h"

struct fault last_fault;
uint32_t fault_resume_eip;
uint32_t fault_insn_eip;
const struct shared_info *shared;

extern const uint32_t trap_stubs[32];
extern const char trap_stub_128[], trap_stub_129[];
void test_fault_handler(struct stub_frame *f);

#define VECTORS 32
#define VEC_BP 3
#define VEC_OF 4
#define SOFT_INT_A 0x80
#define SOFT_INT_B 0x81

static uint8_t shared_page[PMAP_PAGE_SIZE] __attribute__((aligned(PMAP_PAGE_SIZE)));

void test_fault_handler(struct stub_frame *f)
{
    struct fault here = { true, f->vector, f->error_code, f->eip, f->cs, f->eflags,
                          shared ? shared->vcpu_info[0].arch.cr2 : 0 };

    /* From ring 3: a system call, or the end of exec_user(). */
    if ((f->cs & 3) == 3) {
        user_trap(&here, &f->eax, f->ebx, f->ecx);
        return;
    }
    last_fault = here;
    if (!fault_resume_eip) {
        test_error("unexpected fault: vector %u, error code %#x at eip %#x",
                   f->vector, f->error_code, f->eip);
        test_exit();
    }
    f->eip = fault_resume_eip;
}

long traps_init(void)
{
    static struct trap_info table[VECTORS + 1];
    long rc = hypercall_update_va_mapping((uint32_t)(uintptr_t)shared_page,
                                          start_info->shared_info | PMAP_KERNEL_RW, UVMF_INVLPG);

    if (rc)
        return rc;
    shared = (const struct shared_info *)shared_page;
    for (unsigned v = 0; v < VECTORS; v++)
        table[v] = (struct trap_info){
            .vector = (uint8_t)v, .flags = (v == VEC_BP || v == VEC_OF) ? 3 : 0,
            .cs = FLAT_RING1_CS, .address = trap_stubs[v],
        };
    return hypercall_set_trap_table(table);
}

long trap_register(uint8_t vector, unsigned dpl)
{
    struct trap_info table[2] = {
        { .vector = vector, .flags = (uint8_t)dpl, .cs = FLAT_RING1_CS,
          .address = (uint32_t)(uintptr_t)(vector == SOFT_INT_A ? trap_stub_128 : trap_stub_129) },
    };

    return hypercall_set_trap_table(table);
}
