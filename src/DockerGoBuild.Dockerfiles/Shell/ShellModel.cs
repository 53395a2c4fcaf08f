using System;
using System.Collections.Generic;

namespace DockerGoBuild.Dockerfiles.Shell;

/// <summary>The command language a script is written in.</summary>
public enum ShellDialect
{
    /// <summary>POSIX sh and its relatives (bash, ash, dash, ...).</summary>
    Posix,
    /// <summary>Windows PowerShell and pwsh.</summary>
    PowerShell,
    /// <summary>Windows cmd.exe.</summary>
    Cmd,
}

/// <summary>One word of a command line.</summary>
public sealed class ShellWord
{
    internal ShellWord(string value, int start, int length, bool isLiteral)
    {
        Value = value;
        Start = start;
        Length = length;
        IsLiteral = isLiteral;
    }

    /// <summary>The word after quote removal and escape processing; expansions are left as written.</summary>
    public string Value { get; }

    /// <summary>Offset of the raw word (including quotes) in the analysed text.</summary>
    public int Start { get; }

    /// <summary>Length of the raw word in the analysed text.</summary>
    public int Length { get; }

    /// <summary>True when the word contains no parameter expansion or command substitution.</summary>
    public bool IsLiteral { get; }

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>A <c>NAME=value</c> assignment that prefixes a command.</summary>
public sealed class ShellAssignment
{
    internal ShellAssignment(string name, string value, int start, int length)
    {
        Name = name;
        Value = value;
        Start = start;
        Length = length;
    }

    /// <summary>The variable name.</summary>
    public string Name { get; }

    /// <summary>The assigned value after quote removal.</summary>
    public string Value { get; }

    /// <summary>Offset of the raw assignment word in the analysed text.</summary>
    public int Start { get; }

    /// <summary>Length of the raw assignment word.</summary>
    public int Length { get; }

    /// <inheritdoc />
    public override string ToString() => Name + "=" + Value;
}

/// <summary>A simple command that a script executes.</summary>
public sealed class ShellCommand
{
    internal ShellCommand(
        IReadOnlyList<ShellWord> words,
        IReadOnlyList<ShellAssignment> assignments,
        IReadOnlyDictionary<string, string> scriptVariables,
        IReadOnlyList<string> heredocDelimiters,
        int start,
        int end)
    {
        Words = words;
        Assignments = assignments;
        ScriptVariables = scriptVariables;
        HeredocDelimiters = heredocDelimiters;
        Start = start;
        End = end;
        Name = words.Count == 0 ? string.Empty : BaseName(words[0].Value);
    }

    /// <summary>The argv with wrappers (env, sudo, timeout, ...) removed: <c>Words[0]</c> is the command that runs.</summary>
    public IReadOnlyList<ShellWord> Words { get; }

    /// <summary><c>VAR=v</c> prefixes of this command, including those given to <c>env</c>.</summary>
    public IReadOnlyList<ShellAssignment> Assignments { get; }

    /// <summary>Variables set earlier in the script, overridden by this command's own prefixes.</summary>
    public IReadOnlyDictionary<string, string> ScriptVariables { get; }

    /// <summary>Delimiters of the heredocs redirected into this command.</summary>
    public IReadOnlyList<string> HeredocDelimiters { get; }

    /// <summary>Start offset of the simple command in the analysed text.</summary>
    public int Start { get; }

    /// <summary>End offset (exclusive) of the simple command in the analysed text.</summary>
    public int End { get; }

    /// <summary>The base name of <c>Words[0]</c>: no directories, no <c>.exe</c> suffix.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public override string ToString() => string.Join(" ", (IEnumerable<ShellWord>)Words);

    internal static string BaseName(string path)
    {
        int slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        string name = slash >= 0 ? path.Substring(slash + 1) : path;
        if (name.Length > 4 && name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase))
        {
            name = name.Substring(0, name.Length - 4);
        }

        return name;
    }
}
