package dev.synin.attachment;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import dev.synin.error.ApiException;
import dev.synin.error.ErrorCode;
import io.quarkus.logging.Log;

/**
 * Decodes an image with ImageIO (the JDK's readers, TwelveMonkeys' for WebP and JPEG), its metadata never read. The size
 * is read from the header and checked against the pixel limit before any pixel is decoded (decompression bombs); a
 * truncated or malformed file is a 400 whatever exception or warning the decoder reports it with.
 */
final class ImageDecoder {

    private static final Pattern DAMAGE = Pattern.compile("(?i)truncat|premature|corrupt|missing eoi|end of (file|data|stream)");

    private ImageDecoder() {
    }

    /** The pixels (maybe subsampled) and the size the header gives. */
    record Decoded(BufferedImage image, int width, int height) {
    }

    static Decoded decode(byte[] bytes, FileFormat format, long maxPixels, int maxEdge) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw damaged(format, "no decoder recognises it");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true); // metadata is never read, let alone kept
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    throw damaged(format, "it says it has no pixels");
                }
                if ((long) width * height > maxPixels) {
                    throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The image is " + width + " x " + height + " pixels; "
                            + "at most " + maxPixels + " pixels are accepted (SYNIN_IMAGE_MAX_PIXELS).");
                }
                // A truncated JPEG decodes "fine" (grey below the cut) and only says so in a warning; other warnings, such
                // as about an ICC profile the reader ignores, are no damage.
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> {
                    if (DAMAGE.matcher(warning).find()) {
                        warnings.add(warning);
                    } else {
                        Log.debugf("Image decoder warning, ignored: %s", warning);
                    }
                });
                ImageReadParam param = reader.getDefaultReadParam();
                // Decoding every pixel of a 40-megapixel photo only to scale it to 2048 px wastes memory: read every
                // n-th pixel while that still leaves at least twice the final size, then scale smoothly.
                int step = Math.max(1, Math.max(width, height) / (2 * maxEdge));
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                BufferedImage image = reader.read(0, param);
                if (!warnings.isEmpty()) {
                    throw damaged(format, warnings.get(0));
                }
                return new Decoded(image, width, height);
            } finally {
                reader.dispose();
            }
        } catch (ApiException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Decoders signal truncated or malformed data with all sorts of exceptions, not only IIOException.
            throw damaged(format, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    static ApiException damaged(FileFormat format, String detail) {
        String why = detail.length() > 160 ? detail.substring(0, 160) + "…" : detail;
        return ApiException.badRequest("The " + format.label + " is damaged or truncated and cannot be read (" + why + ").");
    }
}
