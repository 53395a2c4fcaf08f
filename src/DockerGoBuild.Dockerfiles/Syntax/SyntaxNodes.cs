using System.Collections.Generic;

namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>A word of an instruction's arguments: its value and where it is in the logical line.</summary>
public sealed class Word
{
    // Most values are the logical line's own characters [_valueStart, + _valueLength): the word keeps the line until
    // the value is asked for, and then the value's string too. A value given as a string is kept from the start.
    private readonly LogicalLine _line;
    private readonly int _valueStart;
    private readonly int _valueLength;
    private string? _value;

    public Word(string value, int start, int length)
    {
        _value = value;
        Start = start;
        Length = length;
    }

    /// <summary>A word whose value is the line's characters [<paramref name="valueStart"/>, + <paramref name="valueLength"/>).</summary>
    internal Word(LogicalLine line, int start, int length, int valueStart, int valueLength)
    {
        _line = line;
        Start = start;
        Length = length;
        _valueStart = valueStart;
        _valueLength = valueLength;
    }

    /// <summary>Where the value ends in the line, for a word made from the line's characters.</summary>
    internal int LineValueEnd => _valueStart + _valueLength;

    /// <summary>The value as BuildKit's parser produces it (quotes kept for shell-form words, decoded for JSON strings).</summary>
    // Another thread may make the value meanwhile: a string of the same characters.
    public string Value => _value ??= _line.Substring(_valueStart, _valueLength);

    /// <summary>Offset in <see cref="Instruction.Line"/>'s text.</summary>
    public int Start { get; }

    public int Length { get; }

    public int End => Start + Length;

    public override string ToString() => Value;

    /// <summary>
    /// True while the value is the line's characters [start, start + length) not yet made into a string: the
    /// analysis then reads it where it lies (once made, <see cref="Value"/> costs nothing more).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal bool TryGetLineValue(out LogicalLine line, out int start, out int length)
    {
        if (_value == null)
        {
            line = _line;
            start = _valueStart;
            length = _valueLength;
            return true;
        }

        line = default;
        start = 0;
        length = 0;
        return false;
    }
}

/// <summary>A <c>name=value</c> (or legacy <c>name value</c>) pair of ENV, LABEL or ARG.</summary>
public sealed class KeyValue
{
    public KeyValue(Word key, Word? value, string separator)
    {
        Key = key;
        Value = value;
        Separator = separator;
    }

    public Word Key { get; }

    /// <summary>The raw value (quotes and escapes as written), or null for <c>ARG NAME</c> without a default.</summary>
    public Word? Value { get; }

    /// <summary>"=" for the <c>name=value</c> form, "" for the legacy <c>name value</c> form.</summary>
    public string Separator { get; }
}

/// <summary>A builder flag such as <c>--mount=type=cache,target=/go/pkg/mod</c> or <c>--from=build</c>.</summary>
public sealed class InstructionFlag
{
    // The text the logical offsets index: the whole line as a string, or (from the parser) the logical line,
    // whose characters are only made into a string when the options are read.
    private readonly string? _lineText;
    private readonly LogicalLine _line;
    private IReadOnlyList<FlagOption>? _options;

    // A flag written without quotes or escapes is its raw text: Text and Value are made from the line when read.
    private readonly int _valueOffset;
    private string? _text;
    private string? _value;

    public InstructionFlag(string line, string text, int start, int length, string name, string? value, int valueStart, TextSpan sourceSpan)
        : this(line, default, text, start, length, name, value, valueStart, sourceSpan)
    {
    }

    internal InstructionFlag(LogicalLine line, string text, int start, int length, string name, string? value, int valueStart, TextSpan sourceSpan)
        : this(null, line, text, start, length, name, value, valueStart, sourceSpan)
    {
    }

    /// <summary>A flag that is the line's raw text [start, start + length), its value from <paramref name="valueOffset"/> on (-1: none).</summary>
    internal InstructionFlag(LogicalLine line, int start, int length, string name, int valueOffset, TextSpan sourceSpan)
    {
        _line = line;
        Start = start;
        Length = length;
        Name = name;
        _valueOffset = valueOffset;
        ValueStart = valueOffset < 0 ? -1 : start + valueOffset;
        SourceSpan = sourceSpan;
    }

    private InstructionFlag(string? lineText, LogicalLine line, string text, int start, int length, string name, string? value, int valueStart, TextSpan sourceSpan)
    {
        _lineText = lineText;
        _line = line;
        _text = text;
        _value = value;
        _valueOffset = -1;
        Start = start;
        Length = length;
        Name = name;
        ValueStart = valueStart;
        SourceSpan = sourceSpan;
    }

    /// <summary>The flag as BuildKit's parser reads it (quotes and escapes removed), e.g. <c>--mount=type=cache</c>.</summary>
    public string Text => _text ??= _line.Substring(Start, Length);

    /// <summary>Offset of the raw flag in the logical line.</summary>
    public int Start { get; }

    public int Length { get; }

    /// <summary>The name without dashes, lower-cased: <c>mount</c>, <c>from</c>, <c>link</c>.</summary>
    public string Name { get; }

    /// <summary>The text after '=', or null for a flag without a value (<c>--link</c>).</summary>
    public string? Value => _value ?? (_valueOffset < 0 ? null : _value = _line.Substring(Start + _valueOffset, Length - _valueOffset));

    /// <summary>Offset of the value's first raw character in the logical line, or -1.</summary>
    public int ValueStart { get; }

    /// <summary>Where the raw flag is in the source.</summary>
    public TextSpan SourceSpan { get; }

    /// <summary>The comma-separated <c>key=value</c> options of the value (for <c>--mount</c>), with their logical offsets.</summary>
    public IReadOnlyList<FlagOption> Options => _options ??= MakeOptions();

    // A flag on a line of one piece (most) is split where it lies in the source, without a copy of its text.
    private IReadOnlyList<FlagOption> MakeOptions()
    {
        if (_lineText != null)
        {
            return FlagOption.Split(this, _lineText, 0);
        }

        var line = _line;
        return line.TryGetOnePiece(out var source, out var sourceStart)
            ? FlagOption.Split(this, source, -sourceStart)
            : FlagOption.Split(this, line.Substring(Start, Length), Start);
    }
}

/// <summary>Where a heredoc's body lies and what its delimiter word says.</summary>
public sealed class Heredoc
{
    // The parser's heredocs read their body from the source when it is asked for.
    private readonly string? _source;
    private string? _content;

    public Heredoc(string name, bool chomp, bool expand, int fileDescriptor, TextSpan markerSpan, TextSpan bodySpan, string content, TextSpan terminatorSpan, bool terminated)
        : this(name, chomp, expand, fileDescriptor, markerSpan, bodySpan, terminatorSpan, terminated)
    {
        _content = content;
    }

    internal Heredoc(string source, string name, bool chomp, bool expand, int fileDescriptor, TextSpan markerSpan, TextSpan bodySpan, TextSpan terminatorSpan, bool terminated)
        : this(name, chomp, expand, fileDescriptor, markerSpan, bodySpan, terminatorSpan, terminated)
    {
        _source = source;
    }

    private Heredoc(string name, bool chomp, bool expand, int fileDescriptor, TextSpan markerSpan, TextSpan bodySpan, TextSpan terminatorSpan, bool terminated)
    {
        Name = name;
        Chomp = chomp;
        Expand = expand;
        FileDescriptor = fileDescriptor;
        MarkerSpan = markerSpan;
        BodySpan = bodySpan;
        TerminatorSpan = terminatorSpan;
        IsTerminated = terminated;
    }

    /// <summary>The delimiter with quotes removed.</summary>
    public string Name { get; }

    /// <summary><c>&lt;&lt;-</c>: leading tabs are stripped from the body and the terminator.</summary>
    public bool Chomp { get; }

    /// <summary>False when the delimiter was quoted: the body is taken literally.</summary>
    public bool Expand { get; }

    public int FileDescriptor { get; }

    /// <summary>The <c>&lt;&lt;EOF</c> word in the source.</summary>
    public TextSpan MarkerSpan { get; }

    /// <summary>The body lines in the source, line breaks included, without the terminator line.</summary>
    public TextSpan BodySpan { get; }

    /// <summary>The body text, as BuildKit hands it to the command.</summary>
    public string Content => _content ??= _source!.Substring(BodySpan.Start, BodySpan.Length);

    /// <summary>The terminator line's text in the source (empty when unterminated).</summary>
    public TextSpan TerminatorSpan { get; }

    public bool IsTerminated { get; }
}

/// <summary>A comment line: a line whose first non-blank character is '#', outside heredoc bodies.</summary>
public sealed class CommentLine
{
    public CommentLine(int line, TextSpan span, bool insideContinuation)
    {
        Line = line;
        Span = span;
        InsideContinuation = insideContinuation;
    }

    /// <summary>Zero-based physical line.</summary>
    public int Line { get; }

    /// <summary>From the '#' to the end of the line, line break excluded.</summary>
    public TextSpan Span { get; }

    /// <summary>True for a comment inside a continued instruction (BuildKit drops it from the instruction).</summary>
    public bool InsideContinuation { get; }
}

/// <summary>A parser directive in the leading comment block (<c># syntax=...</c>, <c># escape=...</c>, <c># check=...</c>).</summary>
public sealed class ParserDirective
{
    public ParserDirective(string name, string value, int line, TextSpan span, TextSpan keySpan, TextSpan valueSpan, bool isDuplicate, bool isIndented)
    {
        Name = name;
        Value = value;
        Line = line;
        Span = span;
        KeySpan = keySpan;
        ValueSpan = valueSpan;
        IsDuplicate = isDuplicate;
        IsIndented = isIndented;
    }

    /// <summary>The key, lower-cased: syntax, escape or check.</summary>
    public string Name { get; }

    public string Value { get; }

    public int Line { get; }

    /// <summary>The directive's line from '#' to its end.</summary>
    public TextSpan Span { get; }

    public TextSpan KeySpan { get; }

    public TextSpan ValueSpan { get; }

    /// <summary>A second directive of the same name (BuildKit fails the build on it; the first stays in force).</summary>
    public bool IsDuplicate { get; }

    /// <summary>Whitespace before the '#': the parser accepts it, but BuildKit's syntax detection does not.</summary>
    public bool IsIndented { get; }
}

public enum ParseSeverity
{
    Warning,
    Error,
}

/// <summary>A problem the parser found. The parser never throws: every malformed input ends up here.</summary>
public sealed class ParseDiagnostic
{
    public ParseDiagnostic(string code, ParseSeverity severity, string message, TextSpan span)
    {
        Code = code;
        Severity = severity;
        Message = message;
        Span = span;
    }

    /// <summary>A stable short code, e.g. <c>unterminated-heredoc</c>.</summary>
    public string Code { get; }

    public ParseSeverity Severity { get; }

    public string Message { get; }

    public TextSpan Span { get; }
}
