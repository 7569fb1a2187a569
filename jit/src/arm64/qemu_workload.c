/* A compiler-written workload for neap-jit's store-pair pass check: built
 * with aarch64-linux-gnu-gcc -O0 (every local lives in a stack slot, so
 * loads and stores of neighbouring slots abound), its wl_* functions and main
 * are rewritten by the pass in the executable, and the output must not change.
 * Built with -fno-jump-tables so that every branch target shows in the code. */
#include <stdint.h>
#include <stdio.h>

struct particle { double x, y, vx, vy; int32_t hits, id; };

static void wl_init(struct particle *p, int n) {
    for (int i = 0; i < n; i++) {
        p[i].x = i * 1.5; p[i].y = 100.0 - i;
        p[i].vx = (i % 3) - 1.0; p[i].vy = (i % 5) * 0.25;
        p[i].hits = 0; p[i].id = i;
    }
}

static void wl_step(struct particle *p, int n) {
    for (int i = 0; i < n; i++) {
        double nx = p[i].x + p[i].vx, ny = p[i].y + p[i].vy;
        if (nx < 0 || nx > 50) { p[i].vx = -p[i].vx; p[i].hits++; nx = p[i].x; }
        if (ny < 0 || ny > 120) { p[i].vy = -p[i].vy; p[i].hits++; ny = p[i].y; }
        p[i].x = nx; p[i].y = ny;
    }
}

static int wl_classify(int v) {
    switch (v & 7) {
    case 0: return v * 3;
    case 1: return v - 7;
    case 2: return v ^ 0x55;
    case 3: return v << 2;
    case 4: return -v;
    case 5: return v / 3;
    case 6: return v % 11;
    default: return v + 1;
    }
}

static void wl_sort(int32_t *a, int n) {
    for (int i = 0; i < n; i++)
        for (int j = 0; j + 1 < n - i; j++)
            if (a[j] > a[j + 1]) { int32_t t = a[j]; a[j] = a[j + 1]; a[j + 1] = t; }
}

static uint64_t wl_mix(uint64_t a, uint64_t b, uint32_t c, uint32_t d, float e, float f) {
    uint64_t h = a * 0x9E3779B97F4A7C15ull ^ b;
    h ^= (uint64_t)c << 32 | d;
    h += (uint64_t)(e * 1000.0f) + (uint64_t)(f * 10.0f);
    return h ^ (h >> 29);
}

int main(void) {
    struct particle p[16];
    int32_t values[40];
    wl_init(p, 16);
    for (int t = 0; t < 200; t++) wl_step(p, 16);
    for (int i = 0; i < 40; i++) values[i] = wl_classify(i * 37 + 11);
    wl_sort(values, 40);
    uint64_t h = 0;
    for (int i = 0; i < 16; i++) {
        printf("%d %.6f %.6f %d\n", p[i].id, p[i].x, p[i].y, p[i].hits);
        h = wl_mix(h, (uint64_t)p[i].hits, (uint32_t)i, (uint32_t)values[i], (float)p[i].x, (float)p[i].y);
    }
    for (int i = 0; i < 40; i++) printf("%d%c", values[i], i % 10 == 9 ? '\n' : ' ');
    printf("%016llx\n", (unsigned long long)h);
    return 0;
}
