using System;
using System.Collections.Generic;
using System.Threading;
using DockerGoBuild.Dockerfiles.Fixes;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Rules;

/// <summary>One problem a rule found, where it is, and the edits that fix it (if the rule is sure of them).</summary>
public sealed class Finding
{
    public Finding(RuleDescriptor rule, TextSpan span, string message, int instructionLine, IReadOnlyList<TextEdit>? fix = null, string? fixTitle = null, string? buildFlag = null)
    {
        Rule = rule;
        Span = span;
        _message = message;
        InstructionLine = instructionLine;
        _fix = fix ?? Array.Empty<TextEdit>();
        _fixTitle = fixTitle;
        _buildFlag = buildFlag;
    }

    /// <summary>A finding whose message, fix title and build flag <paramref name="texts"/> make when they are first read.</summary>
    internal Finding(RuleDescriptor rule, TextSpan span, FindingTexts texts, int instructionLine, IReadOnlyList<TextEdit>? fix)
    {
        Rule = rule;
        Span = span;
        InstructionLine = instructionLine;
        _fix = fix ?? Array.Empty<TextEdit>();
        _texts = texts;
    }

    /// <summary>
    /// A finding whose message, fix title and build flag <paramref name="texts"/> make when they are first read, and
    /// whose fix is the one edit that replaces <paramref name="editSpan"/> with <paramref name="editText"/>, made when
    /// the fix is first read.
    /// </summary>
    internal Finding(RuleDescriptor rule, TextSpan span, FindingTexts texts, int instructionLine, TextSpan editSpan, string editText)
    {
        Rule = rule;
        Span = span;
        InstructionLine = instructionLine;
        _loneEditSpan = editSpan;
        _fix = editText;
        _texts = texts;
    }

    // A finding whose fix is one edit, which replaces editSpan with editText (see _fix).
    private Finding(RuleDescriptor rule, TextSpan span, string message, int instructionLine, TextSpan editSpan, string editText, string fixTitle, string? buildFlag)
    {
        Rule = rule;
        Span = span;
        _message = message;
        InstructionLine = instructionLine;
        _loneEditSpan = editSpan;
        _fix = editText;
        _fixTitle = fixTitle;
        _buildFlag = buildFlag;
    }

    // The fix: its list of edits or, for a fix of one edit (nearly every fix), until the fix is first read, that
    // edit's new text, the edit replacing _loneEditSpan. A lint reads no fix, only IsFixable: it makes neither the
    // edit nor its list.
    private object _fix;
    private readonly TextSpan _loneEditSpan;

    // The texts, given or, when _texts is set, made from it when first read. Threads that read one at once make
    // the same text.
    private readonly FindingTexts? _texts;
    private string? _message;
    private string? _fixTitle;
    private string? _buildFlag;

    /// <summary>A finding whose fix is the one edit that replaces <paramref name="editSpan"/> with <paramref name="editText"/>, made when the fix is first read.</summary>
    internal static Finding WithOneEdit(RuleDescriptor rule, TextSpan span, string message, int instructionLine, TextSpan editSpan, string editText, string fixTitle, string? buildFlag = null) =>
        new(rule, span, message, instructionLine, editSpan, editText, fixTitle, buildFlag);

    public RuleDescriptor Rule { get; }

    public string Id => Rule.Id;

    /// <summary>The precise span at fault: the flag, word or instruction, never the whole file.</summary>
    public TextSpan Span { get; }

    /// <summary>Says what is wrong and what to do; never contains a secret's value.</summary>
    public string Message => _message ??= _texts!.Message();

    /// <summary>Zero-based line where the instruction (or directive) it belongs to starts; 0 for DGB001.</summary>
    public int InstructionLine { get; }

    /// <summary>The edits that fix this finding alone; empty when there is no safe fix.</summary>
    public IReadOnlyList<TextEdit> Fix => _fix as IReadOnlyList<TextEdit> ?? MakeOneEditFix();

    /// <summary>A short title for the fix, e.g. "Add a cache mount for the Go module cache".</summary>
    public string? FixTitle => _fixTitle ??= _texts?.FixTitle();

    /// <summary>
    /// The <c>docker build</c> flag a build needs once the fix is applied (a secret or SSH mount takes its
    /// value from the client), e.g. <c>--secret id=npm_token,env=NPM_TOKEN</c>; null when it needs none.
    /// </summary>
    public string? BuildFlag => _buildFlag ??= _texts?.BuildFlag();

    public bool IsFixable => _fix is string || Fix.Count > 0;

    // The list of the one edit, made once: threads that read the fix at once all get the list the first of them made.
    private IReadOnlyList<TextEdit> MakeOneEditFix()
    {
        var fix = Volatile.Read(ref _fix);
        if (fix is not string editText)
        {
            return (IReadOnlyList<TextEdit>)fix;
        }

        var made = new[] { new TextEdit(_loneEditSpan, editText) };
        var before = Interlocked.CompareExchange(ref _fix, made, editText);
        return before == (object)editText ? made : (IReadOnlyList<TextEdit>)before;
    }

    public override string ToString() => $"{Id} {Span}: {Message}";
}
