package io.delos.sim.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/** Writes frames as PNG files and as looping animated GIFs, atomically (temp file, rename). */
public final class ImageFiles {
  private ImageFiles() {}

  /** Writes one frame as a PNG. */
  public static void writePng(BufferedImage image, Path file) throws IOException {
    Path tmp = temp(file);
    if (!ImageIO.write(image, "png", tmp.toFile())) {
      throw new IOException("no PNG writer available");
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Writes frames as an animated GIF that loops forever.
   *
   * @param frames the frames, all the same size, at least one
   * @param file the output
   * @param delayMillis time per frame, milliseconds, >= 10 (GIF counts hundredths of a second)
   */
  public static void writeGif(List<BufferedImage> frames, Path file, int delayMillis)
      throws IOException {
    if (frames.isEmpty()) {
      throw new IllegalArgumentException("no frames to write");
    }
    if (delayMillis < 10) {
      throw new IllegalArgumentException("delayMillis = " + delayMillis + ": must be >= 10");
    }
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
    if (!writers.hasNext()) {
      throw new IOException("no GIF writer available");
    }
    ImageWriter writer = writers.next();
    Path tmp = temp(file);
    try (ImageOutputStream out = ImageIO.createImageOutputStream(tmp.toFile())) {
      writer.setOutput(out);
      writer.prepareWriteSequence(null);
      ImageWriteParam param = writer.getDefaultWriteParam();
      for (int i = 0; i < frames.size(); i++) {
        BufferedImage frame = frames.get(i);
        IIOMetadata meta =
            writer.getDefaultImageMetadata(
                ImageTypeSpecifier.createFromRenderedImage(frame), param);
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(delayMillis / 10));
        control.setAttribute("transparentColorIndex", "0");
        if (i == 0) {
          IIOMetadataNode apps = child(root, "ApplicationExtensions");
          IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
          app.setAttribute("applicationID", "NETSCAPE");
          app.setAttribute("authenticationCode", "2.0");
          app.setUserObject(new byte[] {1, 0, 0}); // loop forever
          apps.appendChild(app);
        }
        meta.setFromTree(format, root);
        writer.writeToSequence(new IIOImage(frame, null, meta), param);
      }
      writer.endWriteSequence();
    } finally {
      writer.dispose();
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static IIOMetadataNode child(IIOMetadataNode root, String name) {
    for (int i = 0; i < root.getLength(); i++) {
      if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
        return (IIOMetadataNode) root.item(i);
      }
    }
    IIOMetadataNode node = new IIOMetadataNode(name);
    root.appendChild(node);
    return node;
  }

  private static Path temp(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    return Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
  }
}
