// Pictures are decoded and written again (docs/decisions/0022-listing-files.md): what is stored is
// only the pixels, turned upright by their EXIF orientation, without EXIF, GPS, XMP, IPTC or
// comments — a phone photo's location never leaves with it — plus a small WebP thumbnail for
// galleries. Re-encoding also drops anything hidden after the image data (a polyglot file).
import sharp from "sharp";

/** Decompression bombs: a tiny file that decodes to gigapixels is refused before it is decoded. */
const MAX_PIXELS = 40_000_000;
const THUMB = { width: 480, height: 360 };

export type CleanImage = { bytes: Buffer; width: number; height: number; thumb: Buffer };

/** Null when the bytes are not a decodable picture (a damaged or disguised file). */
export async function cleanImage(bytes: Uint8Array, mimeType: string): Promise<CleanImage | null> {
  try {
    const upright = sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: "error" }).rotate();
    // sharp writes no metadata unless asked to (keepMetadata/withMetadata): none is asked for
    const encoded =
      mimeType === "image/png"
        ? upright.png({ compressionLevel: 9 })
        : mimeType === "image/webp"
          ? upright.webp({ quality: 90 })
          : upright.jpeg({ quality: 90, mozjpeg: true });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    const thumb = await sharp(data)
      .resize({ ...THUMB, fit: "inside", withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    return { bytes: data, width: info.width, height: info.height, thumb };
  } catch {
    return null;
  }
}
