# samples.sh - sourced by the test.conf of sec-hv-map and of
# sec-hv-map-segments: hv_samples prints the NAME=HEX words that tell the
# guest where to sample, from the hypervisor's symbols ($hv is its ELF
# file, set by tests/run) and the fixed map (memlayout.h, issue 10):
#   text, rodata, the IDT and TSS page (.ro_after_init), .data (which starts where
#   .ro_after_init ends), the boot stack (its bottom, and its top word,
#   where a trap frame goes), the domain table, the page tables;
#   pointer variables (*NAME: their target is sampled too where the
#   pointer can be read): the running vCPU, the frame table, the map
#   cache's L1, the IDT's writable alias;
#   the map cache, the per-domain GDT pages and LDT window, the entry area
#   (code, the IDT+TSS page, the guard page, CPU 0's entry stack), the
#   direct map's first and last pages, and the top page.
# A symbol that is gone gives an empty value, which the guest refuses.
hv_sym() {
    nm "$hv" | awk -v s="$1" '$3 == s { print "0x" $1; exit }'
}
hv_samples() {
    local top
    top=$(hv_sym boot_stack_top)
    printf '%s ' \
        "text=$(hv_sym _text)" "rodata=$(hv_sym _rodata)" "entry_page=$(hv_sym entry_page)" \
        "data=$(hv_sym _ero_after_init)" "stack=$(hv_sym boot_stack)" \
        "stack-top=${top:+$(printf '%#x' $((top - 4)))}" "domains=$(hv_sym domains)" \
        "idle_l2=$(hv_sym idle_l2)" "boot_l3=$(hv_sym boot_l3)" \
        "*current=$(hv_sym current)" "*frame_table=$(hv_sym frame_table)" \
        "*mapcache_l1=$(hv_sym mapcache_l1)" "*idt_rw=$(hv_sym idt_rw)" \
        mapcache=0xf6800000 gdt=0xf6a00000 ldt=0xf6a10000 entry=0xf6c00000 \
        entry-idt=0xf6c08000 entry-guard=0xf6c09000 entry-stack=0xf6c0a000 \
        directmap=0xf8000000 directmap-end=0xff7ff000 top=0xfffff000
}
