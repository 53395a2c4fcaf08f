using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Fixes;

/// <summary>Replace the text of <see cref="Span"/> with <see cref="NewText"/> (an empty span inserts).</summary>
public sealed class TextEdit
{
    public TextEdit(TextSpan span, string newText)
    {
        Span = span;
        NewText = newText;
    }

    public TextSpan Span { get; }

    public string NewText { get; }

    public static TextEdit Insert(int position, string text) => new(new TextSpan(position, 0), text);

    public static TextEdit Delete(TextSpan span) => new(span, string.Empty);

    public override string ToString() => $"{Span} -> \"{NewText}\"";
}
