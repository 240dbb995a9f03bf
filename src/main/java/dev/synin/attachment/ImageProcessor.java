package dev.synin.attachment;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Semaphore;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import dev.synin.error.ApiException;
import dev.synin.error.ErrorCode;

/**
 * Turns an uploaded image into what a vision model accepts: PNG (when it has transparency or few colours, like a
 * screenshot of a dialog or a diagram) or JPEG, its longest edge at most {@code SYNIN_IMAGE_MAX_EDGE}, upright, and
 * without any metadata: only the pixels are re-encoded, so EXIF (camera, GPS position), XMP and comments stay behind.
 * Decoding, and the checks before it, are {@link ImageDecoder}'s.
 */
final class ImageProcessor {

    record Processed(int width, int height, byte[] image, String imageType, byte[] thumbnail, String thumbnailType) {
    }

    private static final int FEW_COLOURS = 256;
    /**
     * Images decoded at once: each takes up to a few hundred MB while it is converted (a 50-megapixel PNG is 200 MB of
     * pixels), so a burst of uploads waits here rather than running the JVM out of memory.
     */
    private static final Semaphore DECODING = new Semaphore(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())), true);

    private ImageProcessor() {
    }

    static Processed process(byte[] bytes, FileFormat format, long maxPixels, int maxEdge, int thumbnailEdge) {
        try {
            DECODING.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "Synin is shutting down; upload the image again in a moment.");
        }
        try {
            return convert(bytes, format, maxPixels, maxEdge, thumbnailEdge);
        } finally {
            DECODING.release();
        }
    }

    private static Processed convert(byte[] bytes, FileFormat format, long maxPixels, int maxEdge, int thumbnailEdge) {
        ImageDecoder.Decoded decoded = ImageDecoder.decode(bytes, format, maxPixels, maxEdge);
        int orientation = format == FileFormat.JPEG ? ExifOrientation.of(bytes) : 1;
        boolean turned = orientation >= 5; // 5 to 8 swap width and height
        BufferedImage upright = orient(toArgb(decoded.image()), orientation);
        BufferedImage scaled = scale(upright, maxEdge);
        boolean png = hasTransparency(scaled) || hasFewColours(scaled);
        byte[] image = encode(scaled, png, 0.9f);
        BufferedImage small = scale(scaled, thumbnailEdge);
        boolean thumbnailPng = hasTransparency(small);
        byte[] thumbnail = encode(small, thumbnailPng, 0.85f);
        return new Processed(turned ? decoded.height() : decoded.width(), turned ? decoded.width() : decoded.height(), image,
                png ? "image/png" : "image/jpeg", thumbnail, thumbnailPng ? "image/png" : "image/jpeg");
    }

    /** Every image the same way from here on: 8-bit RGB with alpha (indexed, grey, 16-bit and CMYK-converted alike). */
    private static BufferedImage toArgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_ARGB) {
            return image;
        }
        BufferedImage argb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = argb.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return argb;
    }

    /** Applies the EXIF orientation (1 to 8) that is about to be dropped with the rest of the metadata. */
    private static BufferedImage orient(BufferedImage image, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swap = orientation >= 5;
        // Where each stored pixel goes on the upright image: new AffineTransform(m00, m10, m01, m11, m02, m12).
        AffineTransform t = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0); // mirrored
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h); // upside down
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h); // mirrored upside down
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0); // transposed
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0); // turned 90 degrees clockwise
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w); // transversed
            default -> new AffineTransform(0, -1, 1, 0, 0, w); // turned 90 degrees counter-clockwise
        };
        BufferedImage turned = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = turned.createGraphics();
        g.drawImage(image, t, null);
        g.dispose();
        return turned;
    }

    /** Scaled so that the longest edge is at most {@code maxEdge}, by halving first: one big bicubic step blurs less but aliases. */
    static BufferedImage scale(BufferedImage image, int maxEdge) {
        int longest = Math.max(image.getWidth(), image.getHeight());
        if (longest <= maxEdge) {
            return image;
        }
        double factor = (double) maxEdge / longest;
        int targetW = Math.max(1, (int) Math.round(image.getWidth() * factor));
        int targetH = Math.max(1, (int) Math.round(image.getHeight() * factor));
        BufferedImage current = image;
        while (current.getWidth() / 2 >= targetW && current.getHeight() / 2 >= targetH) {
            current = draw(current, current.getWidth() / 2, current.getHeight() / 2);
        }
        return current.getWidth() == targetW && current.getHeight() == targetH ? current : draw(current, targetW, targetH);
    }

    private static BufferedImage draw(BufferedImage source, int width, int height) {
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = target.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(source, 0, 0, width, height, null);
        g.dispose();
        return target;
    }

    private static boolean hasTransparency(BufferedImage argb) {
        for (int y = 0; y < argb.getHeight(); y++) {
            for (int x = 0; x < argb.getWidth(); x++) {
                if (argb.getRGB(x, y) >>> 24 != 0xff) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasFewColours(BufferedImage argb) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < argb.getHeight(); y++) {
            for (int x = 0; x < argb.getWidth(); x++) {
                if (colours.add(argb.getRGB(x, y)) && colours.size() > FEW_COLOURS) {
                    return false;
                }
            }
        }
        return true;
    }

    private static byte[] encode(BufferedImage argb, boolean png, float jpegQuality) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (png) {
                if (!ImageIO.write(argb, "png", out)) {
                    throw new IllegalStateException("no PNG writer");
                }
                return out.toByteArray();
            }
            // JPEG has no alpha: flatten onto white (an opaque image is unchanged by it).
            BufferedImage rgb = new BufferedImage(argb.getWidth(), argb.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = rgb.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
            g.drawImage(argb, 0, 0, null);
            g.dispose();
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(stream);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(jpegQuality);
                writer.write(null, new IIOImage(rgb, null, null), param);
            } finally {
                writer.dispose();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("Encoding an image in memory failed", e);
        }
    }
}
