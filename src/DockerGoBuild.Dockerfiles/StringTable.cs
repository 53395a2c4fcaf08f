using System;

namespace DockerGoBuild.Dockerfiles;

/// <summary>
/// Hands out one string per distinct run of characters, so that the names and arguments of the commands of a
/// file (apt-get, install, -y, &amp;&amp; ...) are allocated once each however often they repeat.
/// </summary>
internal sealed class StringTable
{
    // Longer strings are rarely repeated and are not kept; past this many strings the table starts again.
    private const int MaxInternedLength = 64;
    private const int MaxEntries = 4096;

    [ThreadStatic]
    private static StringTable? shared;

    private int[] buckets = new int[64];
    private Entry[] entries = new Entry[64];
    private int count;

    /// <summary>
    /// This thread's table. It lives from analysis to analysis, so that the words every file uses (apt-get,
    /// install, go, build) are made once per thread rather than once per file.
    /// </summary>
    public static StringTable Shared => shared ??= new StringTable();

    public string Get(char[] chars, int start, int length)
    {
        if (length == 0)
        {
            return string.Empty;
        }

        if (length > MaxInternedLength)
        {
            return new string(chars, start, length);
        }

        var hash = Hash(chars, start, length);
        for (var i = buckets[hash & (buckets.Length - 1)] - 1; i >= 0; i = entries[i].Next)
        {
            if (entries[i].Hash == hash && SameChars(entries[i].Value, chars, start, length))
            {
                return entries[i].Value;
            }
        }

        var value = new string(chars, start, length);
        Add(value, hash);
        return value;
    }

    private void Add(string value, int hash)
    {
        if (count == MaxEntries)
        {
            Array.Clear(buckets, 0, buckets.Length);
            Array.Clear(entries, 0, count);
            count = 0;
        }

        if (count == entries.Length)
        {
            Grow();
        }

        ref var bucket = ref buckets[hash & (buckets.Length - 1)];
        entries[count] = new Entry(value, hash, bucket - 1);
        bucket = count + 1;
        count++;
    }

    private void Grow()
    {
        var size = entries.Length * 2;
        Array.Resize(ref entries, size);
        buckets = new int[size];
        for (var i = 0; i < count; i++)
        {
            ref var bucket = ref buckets[entries[i].Hash & (size - 1)];
            entries[i].Next = bucket - 1;
            bucket = i + 1;
        }
    }

    private static int Hash(char[] chars, int start, int length)
    {
        // FNV-1a over the UTF-16 code units.
        var hash = 2166136261u;
        for (var i = start; i < start + length; i++)
        {
            hash = (hash ^ chars[i]) * 16777619u;
        }

        return (int)hash;
    }

    private static bool SameChars(string value, char[] chars, int start, int length)
    {
        if (value.Length != length)
        {
            return false;
        }

        for (var i = 0; i < length; i++)
        {
            if (value[i] != chars[start + i])
            {
                return false;
            }
        }

        return true;
    }

    private struct Entry
    {
        public Entry(string value, int hash, int next)
        {
            Value = value;
            Hash = hash;
            Next = next;
        }

        public string Value;
        public int Hash;
        public int Next;
    }
}
