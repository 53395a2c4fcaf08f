namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>A zero-based line and a zero-based column counted in UTF-16 code units (as Roslyn counts them).</summary>
public readonly struct LinePosition
{
    public LinePosition(int line, int character)
    {
        Line = line;
        Character = character;
    }

    public int Line { get; }

    public int Character { get; }

    public override string ToString() => $"({Line + 1},{Character + 1})";
}
