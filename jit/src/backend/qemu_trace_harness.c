/* Runs AArch64 trace code produced by neap's backend under qemu-aarch64, for
 * the backend's execution check (qemu_check.rs). Input file, all u64 little
 * endian: ncases, array_offset, asize_offset, then per case: code length,
 * code (padded to 8 bytes), ticks, nslots, slots, ntables, 16 array values
 * per table. A slot holding a table carries its table index as payload; the
 * harness gives each table a zeroed object with the array pointer and size
 * at the given offsets. Output per case: exit, ticks left, slots (tables
 * back to indexes), arrays. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define ASIZE 16
#define TAB_HI (0x1ffffULL - 11)
#define PAYLOAD ((1ULL << 47) - 1)

struct ctx { int32_t *ticks; };
typedef uint32_t (*trace_fn)(uint64_t *slots, struct ctx *ctx);

static uint64_t *in;
static size_t pos;

static uint64_t next(void) { return in[pos++]; }

int main(int argc, char **argv) {
    if (argc != 3) return 2;
    FILE *f = fopen(argv[1], "rb");
    if (!f) return 2;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    in = malloc(size);
    if (fread(in, 1, size, f) != (size_t)size) return 2;
    fclose(f);
    FILE *out = fopen(argv[2], "wb");
    if (!out) return 2;

    uint64_t ncases = next(), array_off = next(), asize_off = next();
    for (uint64_t c = 0; c < ncases; c++) {
        uint64_t len = next();
        void *code = mmap(0, len + 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (code == MAP_FAILED) return 3;
        memcpy(code, &in[pos], len);
        pos += (len + 7) / 8;
        __builtin___clear_cache((char *)code, (char *)code + len);
        int32_t ticks = (int32_t)next();
        uint64_t nslots = next();
        uint64_t *slots = calloc(nslots, 8);
        for (uint64_t i = 0; i < nslots; i++) slots[i] = next();
        uint64_t ntables = next();
        uint64_t **arrays = calloc(ntables, sizeof *arrays);
        char **tables = calloc(ntables, sizeof *tables);
        for (uint64_t t = 0; t < ntables; t++) {
            arrays[t] = calloc(ASIZE, 8);
            for (int i = 0; i < ASIZE; i++) arrays[t][i] = next();
            tables[t] = calloc(64, 8);
            memcpy(tables[t] + array_off, &arrays[t], 8);
            uint64_t n = ASIZE;
            memcpy(tables[t] + asize_off, &n, 8);
        }
        for (uint64_t i = 0; i < nslots; i++)
            if (slots[i] >> 47 == TAB_HI) slots[i] = (TAB_HI << 47) | (uint64_t)(uintptr_t)tables[slots[i] & PAYLOAD];
        struct ctx ctx = { &ticks };
        uint64_t exit = ((trace_fn)code)(slots, &ctx);
        for (uint64_t i = 0; i < nslots; i++)
            if (slots[i] >> 47 == TAB_HI)
                for (uint64_t t = 0; t < ntables; t++)
                    if ((slots[i] & PAYLOAD) == (uint64_t)(uintptr_t)tables[t]) slots[i] = (TAB_HI << 47) | t;
        int64_t left = ticks;
        fwrite(&exit, 8, 1, out);
        fwrite(&left, 8, 1, out);
        fwrite(slots, 8, nslots, out);
        for (uint64_t t = 0; t < ntables; t++) fwrite(arrays[t], 8, ASIZE, out);
        munmap(code, len + 4096);
    }
    fclose(out);
    return 0;
}
