/* Runs AArch64 code blobs against a memory buffer, for neap-jit's store-pair
 * pass checks under qemu-aarch64.
 *
 * usage: qemu_harness CODE.bin OFFSET...
 * For each byte OFFSET into CODE.bin, resets a 4 KiB buffer and a register
 * file to fixed patterns, calls the function at OFFSET as
 *     void f(uint8_t *base, uint64_t *registers)
 * with base in the middle of the buffer, and prints both afterwards. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

enum { MEMORY_BYTES = 4096, REGISTER_SLOTS = 64 };

static uint8_t memory[MEMORY_BYTES];
static uint64_t registers[REGISTER_SLOTS];

typedef void (*test_function)(uint8_t *base, uint64_t *registers);

static void *load_code(const char *path, size_t *size) {
    FILE *file = fopen(path, "rb");
    if (!file) { perror(path); exit(2); }
    static uint8_t bytes[1 << 20];
    *size = fread(bytes, 1, sizeof bytes, file);
    fclose(file);
    void *code = mmap(NULL, *size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) { perror("mmap"); exit(2); }
    memcpy(code, bytes, *size);
    if (mprotect(code, *size, PROT_READ | PROT_EXEC) != 0) { perror("mprotect"); exit(2); }
    __builtin___clear_cache((char *)code, (char *)code + *size);
    return code;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: %s CODE.bin OFFSET...\n", argv[0]); return 2; }
    size_t size;
    uint8_t *code = load_code(argv[1], &size);
    for (int arg = 2; arg < argc; arg++) {
        size_t offset = strtoul(argv[arg], NULL, 0);
        if (offset >= size) { fprintf(stderr, "offset %zu past the code\n", offset); return 2; }
        for (size_t i = 0; i < MEMORY_BYTES; i++) memory[i] = (uint8_t)(i * 37 + 11);
        for (size_t i = 0; i < REGISTER_SLOTS; i++) registers[i] = 0x0123456789abcdefull * (i + 1);
        ((test_function)(void *)(code + offset))(memory + MEMORY_BYTES / 2, registers);
        printf("function at %zu\n", offset);
        for (size_t i = 0; i < MEMORY_BYTES; i++) printf("%02x%s", memory[i], i % 32 == 31 ? "\n" : "");
        for (size_t i = 0; i < REGISTER_SLOTS; i++) printf("%016llx%s", (unsigned long long)registers[i], i % 4 == 3 ? "\n" : " ");
    }
    return 0;
}
