using System;
using System.Collections.Generic;
using System.Text;

namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>
/// An instruction's text as BuildKit reads it: its physical lines joined, with line continuations,
/// comment lines and blank lines inside the continuation removed. Every character maps back to its
/// offset in the source, so spans found in the joined text point at the exact source bytes.
/// </summary>
public sealed class LogicalLine
{
    // Piece i covers logical [_logicalStarts[i], _logicalStarts[i] + _lengths[i]) and starts in the source at _sourceStarts[i].
    private readonly int[] _logicalStarts;
    private readonly int[] _sourceStarts;
    private readonly int[] _lengths;

    private LogicalLine(string text, int[] logicalStarts, int[] sourceStarts, int[] lengths)
    {
        Text = text;
        _logicalStarts = logicalStarts;
        _sourceStarts = sourceStarts;
        _lengths = lengths;
    }

    /// <summary>The joined text.</summary>
    public string Text { get; }

    /// <summary>How many physical pieces make up the line.</summary>
    public int PieceCount => _lengths.Length;

    /// <summary>The source span of piece <paramref name="index"/>.</summary>
    public TextSpan PieceSourceSpan(int index) => new(_sourceStarts[index], _lengths[index]);

    /// <summary>Source offset of the character at logical <paramref name="offset"/> (the end maps to just past the last character).</summary>
    public int ToSource(int offset)
    {
        if (_lengths.Length == 0)
        {
            return 0;
        }

        if (offset >= Text.Length)
        {
            var last = _lengths.Length - 1;
            return _sourceStarts[last] + _lengths[last];
        }

        var index = Array.BinarySearch(_logicalStarts, Math.Max(offset, 0));
        if (index < 0)
        {
            index = ~index - 1;
        }

        // Empty pieces share a logical start with the next piece; move to the one that holds the offset.
        while (index + 1 < _logicalStarts.Length && _logicalStarts[index + 1] <= offset)
        {
            index++;
        }

        return _sourceStarts[index] + (offset - _logicalStarts[index]);
    }

    /// <summary>Source span of the logical span [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public TextSpan ToSource(int start, int end)
    {
        if (end <= start)
        {
            var at = ToSource(start);
            return new TextSpan(at, 0);
        }

        var sourceStart = ToSource(start);
        var sourceEnd = ToSource(end - 1) + 1;
        return TextSpan.FromBounds(sourceStart, Math.Max(sourceStart, sourceEnd));
    }

    /// <summary>Logical offset of a source offset inside one of the pieces, or -1.</summary>
    public int FromSource(int sourceOffset)
    {
        for (var i = 0; i < _lengths.Length; i++)
        {
            if (sourceOffset >= _sourceStarts[i] && sourceOffset <= _sourceStarts[i] + _lengths[i])
            {
                return _logicalStarts[i] + (sourceOffset - _sourceStarts[i]);
            }
        }

        return -1;
    }

    /// <summary>Collects the pieces of one logical line.</summary>
    internal sealed class Builder
    {
        private readonly string _source;
        private readonly List<int> _logicalStarts = new(1);
        private readonly List<int> _sourceStarts = new(1);
        private readonly List<int> _lengths = new(1);
        private int _length;
        private int _singleStart = -1;

        public Builder(string source)
        {
            _source = source;
        }

        public void Add(int sourceStart, int length)
        {
            if (_lengths.Count == 0)
            {
                _singleStart = sourceStart;
            }

            _logicalStarts.Add(_length);
            _sourceStarts.Add(sourceStart);
            _lengths.Add(length);
            _length += length;
        }

        public LogicalLine Build()
        {
            string text;
            if (_lengths.Count == 1)
            {
                text = _source.Substring(_singleStart, _length);
            }
            else
            {
                var builder = new StringBuilder(_length);
                for (var i = 0; i < _lengths.Count; i++)
                {
                    builder.Append(_source, _sourceStarts[i], _lengths[i]);
                }

                text = builder.ToString();
            }

            return new LogicalLine(text, _logicalStarts.ToArray(), _sourceStarts.ToArray(), _lengths.ToArray());
        }
    }
}
