package dev.synin.attachment;

/**
 * The one piece of a JPEG's EXIF worth keeping: its orientation tag, which says how the camera was held. Re-encoding
 * drops all metadata, so the rotation is applied to the pixels instead; without it a portrait photo would reach the
 * model lying on its side. Reads only the first IFD of the APP1 "Exif" segment; anything unexpected means "upright".
 */
final class ExifOrientation {

    private static final int ORIENTATION_TAG = 0x0112;

    private ExifOrientation() {
    }

    /** 1 (upright) to 8, as EXIF numbers them; 1 when there is no readable tag. */
    static int of(byte[] jpeg) {
        try {
            return read(jpeg);
        } catch (RuntimeException e) {
            return 1; // a malformed EXIF segment: the pixels decoded fine, so upright it is
        }
    }

    private static int read(byte[] jpeg) {
        int pos = 2; // after SOI
        while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xff) == 0xff) {
            int marker = jpeg[pos + 1] & 0xff;
            if (marker == 0xda || marker == 0xd9) {
                return 1; // the image data starts: no EXIF before it
            }
            int length = u16(jpeg, pos + 2, false);
            if (length < 2) {
                return 1;
            }
            int segment = pos + 4;
            if (marker == 0xe1 && segment + 14 <= jpeg.length && jpeg[segment] == 'E' && jpeg[segment + 1] == 'x'
                    && jpeg[segment + 2] == 'i' && jpeg[segment + 3] == 'f' && jpeg[segment + 4] == 0) {
                return fromTiff(jpeg, segment + 6, Math.min(jpeg.length, pos + 2 + length));
            }
            pos += 2 + length;
        }
        return 1;
    }

    private static int fromTiff(byte[] b, int tiff, int end) {
        boolean little = b[tiff] == 'I' && b[tiff + 1] == 'I';
        if (!little && !(b[tiff] == 'M' && b[tiff + 1] == 'M')) {
            return 1;
        }
        long ifd = tiff + u32(b, tiff + 4, little);
        if (ifd + 2 > end) {
            return 1;
        }
        int entries = u16(b, (int) ifd, little);
        for (int i = 0; i < entries; i++) {
            int entry = (int) ifd + 2 + i * 12;
            if (entry + 12 > end) {
                return 1;
            }
            if (u16(b, entry, little) == ORIENTATION_TAG) {
                int value = u16(b, entry + 8, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int a = b[at] & 0xff;
        int c = b[at + 1] & 0xff;
        return little ? a | c << 8 : a << 8 | c;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long high = u16(b, at + (little ? 2 : 0), little);
        long low = u16(b, at + (little ? 0 : 2), little);
        return high << 16 | low;
    }
}
