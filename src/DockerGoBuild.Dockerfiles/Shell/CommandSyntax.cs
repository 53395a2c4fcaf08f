using System.Collections.Generic;

namespace DockerGoBuild.Dockerfiles.Shell;

/// <summary>A simple command as written: its words (assignments and wrappers included) and heredocs.</summary>
internal sealed class CommandSyntax
{
    public List<WordToken> Words { get; } = new List<WordToken>();

    public List<PendingHeredoc> Heredocs { get; } = new List<PendingHeredoc>();

    public int Start { get; private set; } = -1;

    public int End { get; private set; }

    /// <summary>Set after PowerShell's call operator: the next word is a command whatever it looks like.</summary>
    public bool ForceCommand { get; set; }

    public bool IsEmpty => Words.Count == 0;

    public void Extend(int start, int end)
    {
        if (Start < 0)
        {
            Start = start;
        }

        End = end;
    }

    public void Add(WordToken word)
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

/// <summary>State shared by every parser working on one call: the commands found so far.</summary>
internal sealed class ParseContext
{
    /// <summary>Nesting beyond this depth (substitutions, nested scripts, heredoc scripts) is treated as data.</summary>
    public const int MaxDepth = 32;

    private long reparseBudget;

    public ParseContext(int inputLength)
    {
        reparseBudget = (2L * inputLength) + 4096;
    }

    public List<ShellCommand> Commands { get; } = new List<ShellCommand>();

    /// <summary>
    /// Nested scripts (<c>sh -c</c>, <c>eval</c>, ...) are parsed again from their word's value. Their
    /// total size is capped at a multiple of the input, so chains like <c>eval eval eval ...</c> stay linear.
    /// </summary>
    public bool TryReparse(int length)
    {
        if (length > reparseBudget)
        {
            return false;
        }

        reparseBudget -= length;
        return true;
    }
}
