using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DockerGoBuild.Cli.Lint;

/// <summary>Runs a <see cref="Utf8JsonWriter"/> and hands its text to a <see cref="TextWriter"/>.</summary>
internal static class JsonText
{
    // Reports are read by tools and people, not embedded in HTML: keep quotes and non-ASCII text readable.
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(TextWriter output, Action<Utf8JsonWriter> writeDocument, bool indented = true)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options with { Indented = indented }))
        {
            writeDocument(json);
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }
}
