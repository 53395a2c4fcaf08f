using System.Text;

namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>
/// Turns a Dockerfile's bytes into the text the parser reads and back, without losing a byte:
/// a byte-order mark stays in the text as U+FEFF, and bytes that are not valid UTF-8 are read as
/// Latin-1 so that even a binary file round-trips.
/// </summary>
public static class DockerfileEncoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Encoding Latin1 = Encoding.GetEncoding(28591);

    /// <summary>Decodes <paramref name="bytes"/>; <paramref name="encoding"/> is what <see cref="Encode"/> must use to write it back.</summary>
    public static string Decode(byte[] bytes, out Encoding encoding)
    {
        try
        {
            encoding = StrictUtf8;
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            encoding = Latin1;
            return Latin1.GetString(bytes);
        }
    }

    /// <summary>True when the text was decoded as UTF-8 (false for the Latin-1 fallback).</summary>
    public static bool IsUtf8(Encoding encoding) => encoding is UTF8Encoding;

    public static byte[] Encode(string text, Encoding encoding) => encoding.GetBytes(text);
}
