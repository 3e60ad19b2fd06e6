// The parts of GDAL's C API that GDALKit uses (GDAL >= 3.6.2).
#include <gdal.h>
#include <gdal_utils.h>
#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <cpl_vsi_error.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
// The codecs GDAL's own GeoTIFF tiles use (Debian's libgdal-dev depends on both): GDALKit's TileCompressor
// compresses the tiles of Verdant's COGs in the workers that make them.
#include <libdeflate.h>
#include <zstd.h>
// glibc's allocator settings (GDALKit's ProcessMemory): large tile buffers go back to the system when freed.
#ifdef __linux__
#include <malloc.h>
#endif
