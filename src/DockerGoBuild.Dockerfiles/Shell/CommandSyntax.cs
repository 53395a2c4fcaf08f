using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace DockerGoBuild.Dockerfiles.Shell;

/// <summary>A simple command as written: its words (assignments and wrappers included) and heredocs. Reused command after command.</summary>
internal sealed class CommandSyntax
{
    public WordList Words { get; } = new();

    public List<PendingHeredoc> Heredocs { get; } = new();

    public int Start { get; private set; } = -1;

    public int End { get; private set; }

    /// <summary>Set after PowerShell's call operator: the next word is a command whatever it looks like.</summary>
    public bool ForceCommand { get; set; }

    public bool IsEmpty => Words.Count == 0;

    // Inlined: the parser resets the command at every separator.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Reset()
    {
        Words.Clear();
        if (Heredocs.Count > 0)
        {
            Heredocs.Clear();
        }

        Start = -1;
        End = 0;
        ForceCommand = false;
    }

    public void Extend(int start, int end)
    {
        if (Start < 0)
        {
            Start = start;
        }

        End = end;
    }

    public void Add(in WordToken word)
    {
        Words.Add(word);
        Extend(word.Start, word.End);
    }
}

/// <summary>A heredoc waiting for the end of its line, where its body starts.</summary>
internal sealed class PendingHeredoc
{
    public PendingHeredoc(string delimiter, bool stripTabs)
    {
        Delimiter = delimiter;
        StripTabs = stripTabs;
    }

    public string Delimiter { get; }

    public bool StripTabs { get; }

    /// <summary>True when the receiving command is a shell that reads its script from stdin.</summary>
    public bool IsScript { get; set; }
}

/// <summary>Receives the commands a read finds, in the order they are found (substitutions before the commands containing them).</summary>
internal interface IShellCommandSink
{
    /// <summary>
    /// A command named <paramref name="name"/> whose argv is <paramref name="words"/>[from..to) (values through
    /// <paramref name="parser"/>), with its inline assignments, the heredocs fed to it, and its span in the parser's text.
    /// The lists are the parser's: they change after the call.
    /// </summary>
    void Add(ScriptParser parser, CharSlice name, WordList words, int from, int to, List<InlineAssignment> assignments, List<PendingHeredoc> heredocs, int start, int end);
}

/// <summary>A <c>NAME=value</c> word before a command (or given to env/sudo).</summary>
internal readonly struct InlineAssignment
{
    public InlineAssignment(WordToken word, string name, string value)
    {
        Word = word;
        Name = name;
        Value = value;
    }

    public WordToken Word { get; }

    public string Name { get; }

    public string Value { get; }
}
