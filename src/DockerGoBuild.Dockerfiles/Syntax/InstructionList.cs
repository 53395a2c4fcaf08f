using System.Collections;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>The instructions of a file, in order: views of their records in the file's <see cref="SyntaxTables"/>.</summary>
public sealed class InstructionList : IReadOnlyList<Instruction>
{
    private readonly SyntaxTables _tables;

    internal InstructionList(SyntaxTables tables, int count)
    {
        _tables = tables;
        Count = count;
    }

    public int Count { get; }

    /// <summary>The tables the instructions are records of.</summary>
    internal SyntaxTables Tables => _tables;

    public Instruction this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if ((uint)index >= (uint)Count)
            {
                ThrowIndexOutOfRange();
            }

            // A file with ONBUILD triggers has their records among its instructions'.
            return new Instruction(_tables, _tables.TopLevel is { } topLevel ? topLevel[index] : index);
        }
    }

    /// <summary>For foreach, without an object.</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<Instruction> IEnumerable<Instruction>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static void ThrowIndexOutOfRange() => throw new System.ArgumentOutOfRangeException("index");

    public struct Enumerator : IEnumerator<Instruction>
    {
        private readonly SyntaxTables _tables;
        private readonly int[]? _topLevel;
        private readonly int _count;
        private int _index;

        internal Enumerator(InstructionList list)
        {
            _tables = list._tables;
            _topLevel = list._tables.TopLevel;
            _count = list.Count;
            _index = -1;
        }

        public readonly Instruction Current
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => new(_tables, _topLevel == null ? _index : _topLevel[_index]);
        }

        readonly object IEnumerator.Current => Current;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool MoveNext() => ++_index < _count;

        public void Reset() => _index = -1;

        public readonly void Dispose()
        {
        }
    }
}
