/*
 * The GDAL decode floor: read the red and NIR bands' blocks of the scene (and the SCL file's block at the same
 * place) through GDAL, with T threads, and do nothing else. No estimate can read these bands through GDAL in
 * less time on this machine, so it is the floor the other tools are measured against.
 *
 *   decode_floor SCENE RED NIR THREADS [SCL]
 *   decode_floor --dates LIST RED NIR THREADS
 *   decode_floor --all SCENE THREADS
 *
 * With --dates, LIST is a text file with one date per line, "SCENE [SCL]" (paths without spaces, all scenes on
 * the same grid): the floor of a time series, every block of every date read once (the threads take
 * (date, block) pairs from one counter, dates in order), with each thread's handles on all dates opened first.
 *
 * With --all, every band of SCENE is read (the floor of a classification that reads all of a scene's bands), in
 * the same way: one GDALDatasetRasterIO call per block for all its bands.
 *
 * RED and NIR are 1-based band indices or band descriptions (B04, B08). Each thread opens its own dataset
 * handles and takes the next block (in the scene's block size, 512 x 512 for the harness's scene) from a
 * shared counter until none is left; for each it reads both bands in one GDALDatasetRasterIO call into a
 * UInt16 buffer and the SCL block into a Byte buffer, with a 32 MiB block cache (the fastest setting measured:
 * 0 to 64 MiB give the same time, GDAL's default of 5 % of RAM is slower). A checksum of a few values per block is printed so the
 * reads cannot be skipped.
 *
 * Build: cc -O2 -o decode_floor decode_floor.c $(pkg-config --cflags --libs gdal) -lpthread
 */
#include <gdal.h>
#include <cpl_conv.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_DATES 1024
static char *scene_paths[MAX_DATES];
static char *scl_paths[MAX_DATES];
static int dates = 1;
static const char *scene_path;
static const char *scl_path;
#define MAX_BANDS 64
static int bands[MAX_BANDS];
static int band_count = 2;
static int width, height, block_w, block_h, blocks_x, blocks_y;
static atomic_long next_block;
static atomic_ulong checksum;
static atomic_int failed;

static int band_of(GDALDatasetH ds, const char *name) {
    char *end = NULL;
    long v = strtol(name, &end, 10);
    if (end != name && *end == '\0') return (int)v;
    for (int i = 1; i <= GDALGetRasterCount(ds); i++) {
        const char *d = GDALGetDescription(GDALGetRasterBand(ds, i));
        if (d && strcmp(d, name) == 0) return i;
    }
    return 0;
}

static void *worker(void *arg) {
    (void)arg;
    GDALDatasetH ds[MAX_DATES], scl[MAX_DATES];
    for (int d = 0; d < dates; d++) {
        ds[d] = GDALOpen(scene_paths[d], GA_ReadOnly);
        scl[d] = scl_paths[d] ? GDALOpen(scl_paths[d], GA_ReadOnly) : NULL;
        if (!ds[d] || (scl_paths[d] && !scl[d])) {
            fprintf(stderr, "decode_floor: cannot open the inputs of date %d\n", d + 1);
            atomic_store(&failed, 1);
            return NULL;
        }
    }
    uint16_t *buf = malloc((size_t)block_w * block_h * band_count * sizeof(uint16_t));
    uint8_t *sbuf = malloc((size_t)block_w * block_h);
    unsigned long sum = 0;
    long blocks = (long)blocks_x * blocks_y;
    for (;;) {
        long k = atomic_fetch_add(&next_block, 1);
        if (k >= blocks * dates) break;
        int d = (int)(k / blocks);
        long i = k % blocks;
        int bx = (int)(i % blocks_x), by = (int)(i / blocks_x);
        int x = bx * block_w, y = by * block_h;
        int w = x + block_w <= width ? block_w : width - x;
        int h = y + block_h <= height ? block_h : height - y;
        if (GDALDatasetRasterIO(ds[d], GF_Read, x, y, w, h, buf, w, h, GDT_UInt16, band_count, bands, 0, 0, 0) != CE_None) {
            atomic_store(&failed, 1);
            break;
        }
        sum += buf[0] + buf[(size_t)w * h * band_count - 1];
        if (scl[d]) {
            if (GDALDatasetRasterIO(scl[d], GF_Read, x, y, w, h, sbuf, w, h, GDT_Byte, 1, NULL, 0, 0, 0) != CE_None) {
                atomic_store(&failed, 1);
                break;
            }
            sum += sbuf[(size_t)w * h - 1];
        }
    }
    atomic_fetch_add(&checksum, sum);
    free(buf);
    free(sbuf);
    for (int d = 0; d < dates; d++) {
        if (scl[d]) GDALClose(scl[d]);
        GDALClose(ds[d]);
    }
    return NULL;
}

/* Reads LIST ("SCENE [SCL]" per line) into scene_paths / scl_paths; returns the number of dates, 0 on error. */
static int read_dates(const char *list) {
    FILE *f = fopen(list, "r");
    if (!f) return 0;
    char line[8192];
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        char *scene = strtok(line, " \t\r\n");
        if (!scene) continue;
        if (n == MAX_DATES) break;
        char *scl = strtok(NULL, " \t\r\n");
        scene_paths[n] = strdup(scene);
        scl_paths[n] = scl ? strdup(scl) : NULL;
        n++;
    }
    fclose(f);
    return n;
}

int main(int argc, char **argv) {
    int list = argc > 1 && strcmp(argv[1], "--dates") == 0;
    int all = argc > 1 && strcmp(argv[1], "--all") == 0;
    if (list || all) {
        argv++;
        argc--;
    }
    if (all && argc == 3) {
        /* decode_floor --all SCENE THREADS: the same positions as SCENE RED NIR THREADS from here on */
        static char *shifted[5];
        shifted[0] = argv[0];
        shifted[1] = argv[1];
        shifted[2] = "1";
        shifted[3] = "1";
        shifted[4] = argv[2];
        argv = shifted;
        argc = 5;
    } else if (all || argc < 5 || argc > 6 || (list && argc != 5)) {
        fprintf(stderr, "usage: decode_floor SCENE RED NIR THREADS [SCL]\n       decode_floor --dates LIST RED NIR THREADS\n"
                        "       decode_floor --all SCENE THREADS\n");
        return 2;
    }
    if (list) {
        dates = read_dates(argv[1]);
        if (dates < 1) {
            fprintf(stderr, "decode_floor: no dates in %s\n", argv[1]);
            return 1;
        }
    } else {
        scene_paths[0] = argv[1];
        scl_paths[0] = argc == 6 ? argv[5] : NULL;
    }
    scene_path = scene_paths[0];
    scl_path = scl_paths[0];
    int threads = atoi(argv[4]);
    if (threads < 1) {
        fprintf(stderr, "decode_floor: THREADS must be >= 1\n");
        return 2;
    }
    GDALAllRegister();
    /* Each block is read once, so GDAL's block cache only costs memory and page faults: GDAL's default (5 % of
     * RAM) makes this floor about 35 % slower on the project's machine (1.5 s instead of 1.1 s for the 10980
     * scene). A small cache gives the fastest reads, which is what a floor must be. */
    GDALSetCacheMax64((GIntBig)32 << 20);
    GDALDatasetH ds = GDALOpen(scene_path, GA_ReadOnly);
    if (!ds) {
        fprintf(stderr, "decode_floor: cannot open %s\n", scene_path);
        return 1;
    }
    if (all) {
        band_count = GDALGetRasterCount(ds);
        if (band_count < 1 || band_count > MAX_BANDS) {
            fprintf(stderr, "decode_floor: %s has %d bands (1 to %d are read)\n", scene_path, band_count, MAX_BANDS);
            return 1;
        }
        for (int b = 0; b < band_count; b++) bands[b] = b + 1;
    } else {
        bands[0] = band_of(ds, argv[2]);
        bands[1] = band_of(ds, argv[3]);
    }
    if (bands[0] < 1 || bands[1] < 1 || bands[0] > GDALGetRasterCount(ds) || bands[1] > GDALGetRasterCount(ds)) {
        fprintf(stderr, "decode_floor: no band %s or %s in %s\n", argv[2], argv[3], scene_path);
        return 1;
    }
    width = GDALGetRasterXSize(ds);
    height = GDALGetRasterYSize(ds);
    GDALGetBlockSize(GDALGetRasterBand(ds, bands[0]), &block_w, &block_h);
    GDALClose(ds);
    blocks_x = (width + block_w - 1) / block_w;
    blocks_y = (height + block_h - 1) / block_h;

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pthread_t *tids = malloc(sizeof(pthread_t) * threads);
    for (int t = 0; t < threads; t++) pthread_create(&tids[t], NULL, worker, NULL);
    for (int t = 0; t < threads; t++) pthread_join(tids[t], NULL);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    free(tids);
    if (atomic_load(&failed)) {
        fprintf(stderr, "decode_floor: a read failed\n");
        return 1;
    }
    double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    char band_list[16 * MAX_BANDS] = "";
    for (int b = 0; b < band_count; b++)
        snprintf(band_list + strlen(band_list), sizeof band_list - strlen(band_list), b ? ",%d" : "%d", bands[b]);
    printf("decode_floor: %d date%s of %d x %d cells, %d blocks of %d x %d, bands %s%s, %d threads: %.3f s "
           "(checksum %lu)\n", dates, dates == 1 ? "" : "s", width, height, blocks_x * blocks_y, block_w, block_h,
           band_list, scl_path ? " + SCL" : "", threads, s, (unsigned long)atomic_load(&checksum));
    return 0;
}
