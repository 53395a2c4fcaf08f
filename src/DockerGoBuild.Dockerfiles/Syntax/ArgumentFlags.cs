using System;
using System.Runtime.CompilerServices;

namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>
/// An instruction's flags as the parser keeps them: <see cref="Stride"/> ints a flag in its file's
/// <see cref="SyntaxTables.Words"/> for flags written as they read (no quotes, no escapes) with a name BuildKit knows,
/// nearly all of them; <see cref="InstructionFlag"/> objects for an instruction with any other. The analysis reads
/// the flags through this view; <see cref="Instruction.Flags"/> makes the public objects when first asked for.
/// </summary>
internal readonly struct ArgumentFlags
{
    /// <summary>A flag's ints: its start and length in the logical line, where its value starts from its start (-1: no value), and its name (see <see cref="KnownNames"/>).</summary>
    public const int Stride = 4;

    /// <summary>The names BuildKit's instructions take, so that reading a flag's name makes no string.</summary>
    public static readonly string[] KnownNames =
    {
        "mount", "from", "chown", "chmod", "link", "platform", "network", "security", "parents", "exclude",
        "keep-git-dir", "checksum", "interval", "timeout", "start-period", "start-interval", "retries",
    };

    private readonly LogicalLine _line;

    // The flags' entries from _at, or with _table null, the one flag or the flags' array in _objects.
    private readonly int[]? _table;
    private readonly int _at;
    private readonly object? _objects;

    /// <summary>The <paramref name="count"/> flags of <paramref name="table"/> from <paramref name="at"/>.</summary>
    public ArgumentFlags(LogicalLine line, int[] table, int at, int count)
    {
        _line = line;
        _table = table;
        _at = at;
        _objects = null;
        Count = count;
    }

    /// <summary>The flags <paramref name="objects"/>: an <see cref="InstructionFlag"/>, their array, or null for none.</summary>
    public ArgumentFlags(object? objects)
    {
        _line = default;
        _table = null;
        _at = 0;
        _objects = objects;
        Count = objects is InstructionFlag[] many ? many.Length : objects is InstructionFlag ? 1 : 0;
    }

    public int Count { get; }

    // Inlined where the analysis reads a flag, the throw and the flag objects (rare) kept out of line.
    public ArgumentFlag this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if ((uint)index >= (uint)Count)
            {
                ArgumentWords.ThrowIndexOutOfRange();
            }

            if (_table == null)
            {
                return ObjectAt(index);
            }

            var at = _at + (index * Stride);
            return new(_line, _table[at], _table[at + 1], _table[at + 2], _table[at + 3]);
        }
    }

    private ArgumentFlag ObjectAt(int index) => new(_objects as InstructionFlag ?? ((InstructionFlag[])_objects!)[index]);

    /// <summary>The index of <paramref name="name"/> in <see cref="KnownNames"/>, or -1.</summary>
    public static int KnownNameIndex(string name) => Array.IndexOf(KnownNames, name);
}

/// <summary>One flag of <see cref="ArgumentFlags"/>: what <see cref="InstructionFlag"/> says of where it lies, read from the table or the object.</summary>
internal readonly struct ArgumentFlag
{
    private readonly InstructionFlag? _flag;
    private readonly LogicalLine _line;
    private readonly int _start;
    private readonly int _length;
    private readonly int _valueOffset;
    private readonly int _name;

    public ArgumentFlag(InstructionFlag flag)
    {
        _flag = flag;
        _line = default;
        _start = _length = _valueOffset = _name = 0;
    }

    public ArgumentFlag(LogicalLine line, int start, int length, int valueOffset, int name)
    {
        _flag = null;
        _line = line;
        _start = start;
        _length = length;
        _valueOffset = valueOffset;
        _name = name;
    }

    /// <summary>The name without dashes, lower-cased (see <see cref="InstructionFlag.Name"/>).</summary>
    public string Name => _flag?.Name ?? ArgumentFlags.KnownNames[_name];

    /// <summary>Offset of the raw flag in the logical line.</summary>
    public int Start => _flag?.Start ?? _start;

    public int Length => _flag?.Length ?? _length;

    /// <summary>Offset of the value's first raw character in the logical line, or -1.</summary>
    public int ValueStart => _flag?.ValueStart ?? (_valueOffset < 0 ? -1 : _start + _valueOffset);

    /// <summary>Where the raw flag is in the source.</summary>
    public TextSpan SourceSpan => _flag?.SourceSpan ?? _line.ToSource(_start, _start + _length);

    /// <summary>The public flag: the object, or one made from the table's entry.</summary>
    public InstructionFlag ToFlag() => _flag ?? new InstructionFlag(_line, _start, _length, Name, _valueOffset, SourceSpan);
}
