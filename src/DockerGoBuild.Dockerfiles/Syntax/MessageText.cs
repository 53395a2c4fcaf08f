using System.Text;
using DockerGoBuild.Dockerfiles.Secrets;

namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>
/// Source text quoted in a diagnostic message. A message lands in build logs and terminals, so a quote is
/// kept short, control characters (from binary or half-decoded files) are replaced, and a credential is
/// never repeated.
/// </summary>
internal static class MessageText
{
    private const int MaxLength = 40;

    public static string Quote(string text)
    {
        if (SecretValues.TryFindCredential(text, out var kind))
        {
            return $"<a {kind}, not shown>";
        }

        var length = text.Length > MaxLength ? MaxLength : text.Length;
        var builder = new StringBuilder(length + 1);
        for (var i = 0; i < length; i++)
        {
            var c = text[i];
            builder.Append(char.IsControl(c) || c == '\uFFFD' || char.IsSurrogate(c) ? '?' : c);
        }

        return text.Length > MaxLength ? builder.Append('…').ToString() : builder.ToString();
    }
}
