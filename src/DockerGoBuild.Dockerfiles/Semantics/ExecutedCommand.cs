using System;
using System.Collections.Generic;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Semantics;

/// <summary>
/// The arguments of all the commands one RUN executes, in one table rather than an array per command. An argument
/// written as it is (no quotes or escapes) is where it lies in the Dockerfile; the values of the others (quotes
/// removed, escapes resolved) lie one after another in a buffer of their own.
/// </summary>
/// <remarks>
/// The rules read the arguments of only a few commands (go, dotnet), so an argument becomes a string only when
/// read: the others stay offsets. The table and the buffer are pieces of the model's <see cref="ModelTables"/>, which
/// also keeps the tables themselves for the thread's next model (see <see cref="ModelTables.NextArguments"/>).
/// </remarks>
internal sealed class CommandArguments
{
    /// <summary>The table of a RUN none of whose commands has arguments read (see <see cref="RunCommands.HasArgumentsRead"/>).</summary>
    public static readonly CommandArguments None = new();

    private string _source = string.Empty;
    private char[] _values = Array.Empty<char>();
    private int _valuesStart;

    // From _boundsStart on, two entries per argument, its start and its length; a negative start s means ~s in the
    // values (from _valuesStart) rather than in _source.
    private int[] _bounds = Array.Empty<int>();
    private int _boundsStart;

    // The strings made of the arguments so far (null where none was asked for); kept from RUN to RUN.
    private string?[] _strings = Array.Empty<string?>();

    // Whether a string was made since the last reset: most tables are never asked for one, and need no clearing.
    private bool _madeStrings;

    public int Count { get; private set; }

    /// <summary>Makes this the table of a RUN's <paramref name="count"/> arguments.</summary>
    public void Reset(string source, char[] values, int valuesStart, int[] bounds, int boundsStart, int count)
    {
        if (_madeStrings)
        {
            Array.Clear(_strings, 0, Math.Min(Count, _strings.Length));
            _madeStrings = false;
        }

        _source = source;
        _values = values;
        _valuesStart = valuesStart;
        _bounds = bounds;
        _boundsStart = boundsStart;
        Count = count;
    }

    /// <summary>Argument <paramref name="index"/> of the table, made a string once.</summary>
    public string Get(int index)
    {
        if (_strings.Length < Count)
        {
            _strings = new string?[Count];
        }

        var strings = _strings;
        if (strings[index] is { } made)
        {
            return made;
        }

        var start = _bounds[_boundsStart + (2 * index)];
        var length = _bounds[_boundsStart + (2 * index) + 1];
        _madeStrings = true;
        return strings[index] = start >= 0 ? _source.Substring(start, length) : new string(_values, _valuesStart + ~start, length);
    }

    /// <summary>True when argument <paramref name="index"/> is <c>name=...</c>, compared where it lies.</summary>
    public bool IsAssignmentOf(int index, string name)
    {
        var start = _bounds[_boundsStart + (2 * index)];
        var length = _bounds[_boundsStart + (2 * index) + 1];
        if (length <= name.Length)
        {
            return false;
        }

        return start >= 0
            ? _source[start + name.Length] == '=' && ShortOrdinal.Equals(_source, start, name, 0, name.Length)
            : _values[_valuesStart + ~start + name.Length] == '=' && new CharSlice(_values, _valuesStart + ~start, name.Length).Is(name);
    }

    /// <summary>The length of argument <paramref name="index"/>'s value.</summary>
    public int LengthOf(int index) => _bounds[_boundsStart + (2 * index) + 1];

    /// <summary>True when one of the <paramref name="count"/> arguments from <paramref name="first"/> is <paramref name="value"/>.</summary>
    public bool Contains(int first, int count, string value)
    {
        // Told apart by length first: a look at the bounds, with no call, for nearly every argument.
        for (var i = first; i < first + count; i++)
        {
            if (_bounds[_boundsStart + (2 * i) + 1] == value.Length && Is(i, value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when argument <paramref name="index"/> of the table is <paramref name="value"/>, compared where it lies.</summary>
    public bool Is(int index, string value)
    {
        var start = _bounds[_boundsStart + (2 * index)];
        var length = _bounds[_boundsStart + (2 * index) + 1];
        if (length != value.Length)
        {
            return false;
        }

        return start >= 0
            ? ShortOrdinal.Equals(_source, start, value, 0, length)
            : new CharSlice(_values, _valuesStart + ~start, length).Is(value);
    }
}

/// <summary>A command a RUN executes: its name, arguments, the variables set for it, and where it is.</summary>
/// <remarks>
/// A RUN can execute hundreds of thousands of commands, so a command is a small record over its RUN's
/// <see cref="CommandArguments"/> rather than an object with arrays of its own. Only the commands whose arguments the
/// analysis reads (<see cref="RunCommands.HasArgumentsRead"/>: go, xx-go, dotnet) carry their arguments and span;
/// every other command has its name and variables, no arguments and an empty span.
/// </remarks>
internal readonly struct ExecutedCommand
{
    private readonly CommandArguments _arguments;
    private readonly int _firstArgument;

    public ExecutedCommand(string name, CommandArguments arguments, int firstArgument, int argumentCount, IReadOnlyDictionary<string, string> variables, TextSpan span)
    {
        Name = name;
        _arguments = arguments;
        _firstArgument = firstArgument;
        ArgumentCount = argumentCount;
        Variables = variables;
        Span = span;
    }

    /// <summary>The program's base name without directories or <c>.exe</c>.</summary>
    public string Name { get; }

    public int ArgumentCount { get; }

    /// <summary>The arguments after the program name (a new list at each call).</summary>
    public IReadOnlyList<string> Arguments
    {
        get
        {
            var all = new string[ArgumentCount];
            for (var i = 0; i < all.Length; i++)
            {
                all[i] = Argument(i);
            }

            return all;
        }
    }

    /// <summary>Variables set on the command or earlier in the same RUN script.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; }

    /// <summary>The command's source span.</summary>
    public TextSpan Span { get; }

    /// <summary>Argument <paramref name="index"/>, or the empty string past the last.</summary>
    public string Argument(int index) => index < ArgumentCount ? _arguments.Get(_firstArgument + index) : string.Empty;

    /// <summary>True when argument <paramref name="index"/> is <paramref name="value"/> (compared where it lies).</summary>
    public bool ArgumentIs(int index, string value) =>
        index < ArgumentCount ? _arguments.Is(_firstArgument + index, value) : value.Length == 0;

    public bool HasArgument(string value) => _arguments.Contains(_firstArgument, ArgumentCount, value);

    /// <summary>The length of argument <paramref name="index"/> (below <see cref="ArgumentCount"/>), told without making it a string.</summary>
    public int ArgumentLength(int index) => _arguments.LengthOf(_firstArgument + index);

    /// <summary>The value of an option written <c>NAME VALUE</c> or <c>NAME=VALUE</c>, or null.</summary>
    public string? OptionValue(string name)
    {
        for (var i = 0; i < ArgumentCount; i++)
        {
            if (ArgumentIs(i, name) && i + 1 < ArgumentCount)
            {
                return Argument(i + 1);
            }

            if (_arguments.IsAssignmentOf(_firstArgument + i, name))
            {
                return Argument(i).Substring(name.Length + 1);
            }
        }

        return null;
    }
}

/// <summary>The commands one RUN executes: a piece of its model's command table.</summary>
internal readonly struct RunCommandList
{
    private readonly ExecutedCommand[] _table;
    private readonly int _first;
    private readonly int _count;

    public RunCommandList(ExecutedCommand[] table, int first, int count, bool hasArgumentsRead)
    {
        _table = table;
        _first = first;
        _count = count;
        HasArgumentsRead = hasArgumentsRead;
    }

    public int Length => _count;

    /// <summary>
    /// True when one of the commands is one whose arguments are read (<see cref="RunCommands.HasArgumentsRead"/>: go,
    /// xx-go, dotnet). A walk that looks only at those asks the model's RUN first (see
    /// <see cref="InstructionFacts.HasCommandsWithArgumentsRead"/>), so that a RUN whose commands were left unread stays so.
    /// </summary>
    public bool HasArgumentsRead { get; }

    /// <summary>The same commands, told to hold none whose arguments are read (as the prefilter showed of a RUN left unread).</summary>
    public RunCommandList WithoutArgumentsRead() => new(_table, _first, _count, hasArgumentsRead: false);

    public ExecutedCommand this[int index] =>
        (uint)index < (uint)_count ? _table[_first + index] : throw new ArgumentOutOfRangeException(nameof(index));
}
