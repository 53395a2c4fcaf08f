using System;
using System.Collections.Generic;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Semantics;

/// <summary>
/// An argument of an <see cref="ExecutedCommand"/>: its value, or where it lies in the command's source text
/// when it is written there as it is (no quotes or escapes), until someone asks for it as a string.
/// </summary>
internal struct ArgumentText
{
    public ArgumentText(string value)
    {
        Value = value;
        Start = 0;
        Length = value.Length;
    }

    public ArgumentText(int start, int length)
    {
        Value = null;
        Start = start;
        Length = length;
    }

    public string? Value;

    public int Start;

    public int Length;
}

/// <summary>A command a RUN executes: its name, arguments, the variables set for it, and where it is.</summary>
/// <remarks>
/// The rules read the arguments of only a few commands (go, dotnet), so arguments become strings when read:
/// the others stay offsets into the text the command was read from.
/// </remarks>
internal sealed class ExecutedCommand
{
    private readonly string _source;
    private readonly ArgumentText[] _arguments;
    private string[]? _all;

    public ExecutedCommand(string name, string source, ArgumentText[] arguments, IReadOnlyDictionary<string, string> variables, TextSpan span)
    {
        Name = name;
        _source = source;
        _arguments = arguments;
        Variables = variables;
        Span = span;
    }

    /// <summary>The program's base name without directories or <c>.exe</c>.</summary>
    public string Name { get; }

    public int ArgumentCount => _arguments.Length;

    /// <summary>The arguments after the program name.</summary>
    public IReadOnlyList<string> Arguments => _all ??= AllArguments();

    /// <summary>Variables set on the command or earlier in the same RUN script.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; }

    /// <summary>The command's source span.</summary>
    public TextSpan Span { get; }

    /// <summary>Argument <paramref name="index"/>, or the empty string past the last.</summary>
    public string Argument(int index)
    {
        if (index >= _arguments.Length)
        {
            return string.Empty;
        }

        ref var argument = ref _arguments[index];
        return argument.Value ??= _source.Substring(argument.Start, argument.Length);
    }

    /// <summary>True when argument <paramref name="index"/> is <paramref name="value"/> (compared where it lies).</summary>
    public bool ArgumentIs(int index, string value)
    {
        if (index >= _arguments.Length)
        {
            return value.Length == 0;
        }

        var argument = _arguments[index];
        return argument.Value != null
            ? argument.Value == value
            : argument.Length == value.Length && string.CompareOrdinal(_source, argument.Start, value, 0, value.Length) == 0;
    }

    public bool HasArgument(string value)
    {
        for (var i = 0; i < _arguments.Length; i++)
        {
            if (ArgumentIs(i, value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The value of an option written <c>NAME VALUE</c> or <c>NAME=VALUE</c>, or null.</summary>
    public string? OptionValue(string name)
    {
        for (var i = 0; i < _arguments.Length; i++)
        {
            if (ArgumentIs(i, name) && i + 1 < _arguments.Length)
            {
                return Argument(i + 1);
            }

            var argument = Argument(i);
            if (argument.Length > name.Length && argument[name.Length] == '=' && argument.StartsWith(name, StringComparison.Ordinal))
            {
                return argument.Substring(name.Length + 1);
            }
        }

        return null;
    }

    private string[] AllArguments()
    {
        var all = new string[_arguments.Length];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = Argument(i);
        }

        return all;
    }
}
