/*
 * abi-vm-assist: vm_assist accepts the assists the hypervisor offers
 * (pae_extended_cr3, which every PAE hypervisor can grant, and
 * architectural_iopl, whose effect cpu-iopl checks), in both directions;
 * refuses a type it does not know (-EINVAL) and an unknown command
 * (-ENOSYS).
 */
#include "../lib/expect.h"

const char test_title[] = "vm_assist accepts what is offered and refuses the rest";

#define NO_SUCH_TYPE 31
#define NO_SUCH_CMD 7

void test_main(void)
{
    expect_rc("vm_assist(enable, pae_extended_cr3)",
              hypercall_vm_assist(VMASST_CMD_enable, VMASST_TYPE_pae_extended_cr3), 0);
    expect_rc("vm_assist(disable, pae_extended_cr3)",
              hypercall_vm_assist(VMASST_CMD_disable, VMASST_TYPE_pae_extended_cr3), 0);
    expect_rc("vm_assist(enable, architectural_iopl)",
              hypercall_vm_assist(VMASST_CMD_enable, VMASST_TYPE_architectural_iopl), 0);
    expect_rc("vm_assist(disable, architectural_iopl)",
              hypercall_vm_assist(VMASST_CMD_disable, VMASST_TYPE_architectural_iopl), 0);
    expect_rc("vm_assist(enable, an unknown type)",
              hypercall_vm_assist(VMASST_CMD_enable, NO_SUCH_TYPE), -XEN_EINVAL);
    expect_rc("vm_assist(an unknown command)",
              hypercall_vm_assist(NO_SUCH_CMD, VMASST_TYPE_pae_extended_cr3), -XEN_ENOSYS);
    test_success();
}
