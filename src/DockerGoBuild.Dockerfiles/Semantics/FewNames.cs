using System;
using System.Collections.Generic;

namespace DockerGoBuild.Dockerfiles.Semantics;

/// <summary>
/// Names with a value each, set and looked up while a model is built (its stage names, its global ARGs): a file
/// declares a few, kept in two small arrays and compared where the looked-up name lies; past that many, all are
/// kept in a dictionary. A name set again takes the new value.
/// </summary>
internal sealed class FewNames<TValue>
{
    // Most files declare no more; a file that declares more has them looked up by hash.
    private const int Few = 16;

    private readonly StringComparison _comparison;
    private readonly string?[] _names = new string?[Few];
    private readonly TValue[] _values = new TValue[Few];
    private int _count;

    // Every name, once there are more than Few; kept, emptied, for the next model's (the tables that hold this one
    // decide how long), made for _manyCapacity names (it grows past that by copies).
    private Dictionary<string, TValue>? _many;
    private int _manyCapacity;
    private bool _usesMany;

    /// <summary>A table that compares names as <paramref name="comparison"/> does (Ordinal or OrdinalIgnoreCase).</summary>
    public FewNames(StringComparison comparison)
    {
        _comparison = comparison;
    }

    public void Set(string name, TValue value)
    {
        if (_usesMany)
        {
            _many![name] = value;
            return;
        }

        // Names as long as each other only can be equal, ignoring case too (each character has one upper case).
        for (var i = 0; i < _count; i++)
        {
            if (_names[i]!.Length == name.Length && IsSameName(name.AsSpan(), _names[i]!))
            {
                _values[i] = value;
                return;
            }
        }

        if (_count < Few)
        {
            _names[_count] = name;
            _values[_count++] = value;
            return;
        }

        if (_many == null)
        {
            Reserve(2 * Few);
        }

        var many = _many!;
        _usesMany = true;
        for (var i = 0; i < _count; i++)
        {
            many[_names[i]!] = _values[i];
        }

        many[name] = value;
    }

    /// <summary>The value of <paramref name="name"/>, read where it lies; <paramref name="nameText"/> is its string, if the caller has one.</summary>
    public bool TryGetValue(ReadOnlySpan<char> name, string? nameText, out TValue value)
    {
        if (_usesMany)
        {
            return _many!.TryGetValue(nameText ?? StringTable.Get(name), out value!);
        }

        for (var i = 0; i < _count; i++)
        {
            if (_names[i]!.Length == name.Length && IsSameName(name, _names[i]!))
            {
                value = _values[i];
                return true;
            }
        }

        value = default!;
        return false;
    }

    // The names, as long as each other, are equal as the table compares them: told by their characters as they are
    // first, then (ignoring case) by their first letters, which differ in most names that differ, before the general
    // comparison.
    private bool IsSameName(ReadOnlySpan<char> name, string known) =>
        _comparison == StringComparison.Ordinal ? name.SequenceEqual(known.AsSpan()) : IsSameNameIgnoringCase(name, known.AsSpan());

    /// <summary>Two names as long as each other are equal ignoring case (as <see cref="StringComparison.OrdinalIgnoreCase"/> compares them).</summary>
    internal static bool IsSameNameIgnoringCase(ReadOnlySpan<char> name, ReadOnlySpan<char> known)
    {
        if (name.SequenceEqual(known))
        {
            return true;
        }

        // Two ASCII characters that differ but for the bit 0x20 are one letter's two cases, or two characters that
        // the general comparison tells apart.
        var first = name[0];
        var knownFirst = known[0];
        if ((first | knownFirst) < 0x80 && (first | 0x20) != (knownFirst | 0x20))
        {
            return false;
        }

        return name.Equals(known, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Makes the table hold at least <paramref name="count"/> names without growing.</summary>
    public void Reserve(int count)
    {
        // A dictionary cannot be made larger in place here (no EnsureCapacity in netstandard2.0): one of the size is made.
        if (count > Few && count > _manyCapacity && !_usesMany)
        {
            _many = new Dictionary<string, TValue>(count, _comparison == StringComparison.Ordinal ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
            _manyCapacity = count;
        }
    }

    /// <summary>Forgets every name, for the next model.</summary>
    public void Clear()
    {
        for (var i = 0; i < _count; i++)
        {
            _names[i] = null;
            _values[i] = default!;
        }

        _count = 0;
        if (_usesMany)
        {
            _usesMany = false;
            _many!.Clear();
        }
    }
}
