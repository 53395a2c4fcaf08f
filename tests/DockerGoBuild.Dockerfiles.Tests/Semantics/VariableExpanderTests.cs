using System;
using System.Collections.Generic;
using DockerGoBuild.Dockerfiles.Semantics;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Semantics;

public class VariableExpanderTests
{
    private static readonly Variables Lookup = new(new Dictionary<string, string?>
    {
        ["A"] = "alpha",
        ["EMPTY"] = string.Empty,
        ["PATHY"] = "/usr/local/go",
        ["QUOTED"] = "\"x\"",
        ["A_1"] = "one",
        ["\u00c4z"] = "umlaut",
    });

    [Theory]
    [InlineData("$A", "alpha", false)]
    [InlineData("${A}", "alpha", false)]
    [InlineData("pre-$A-post", "pre-alpha-post", false)]
    [InlineData("pre ${A} post", "pre alpha post", false)]
    [InlineData("${A:-def}", "alpha", false)]
    [InlineData("${UNSET:-def}", "def", false)]
    [InlineData("${UNSET-def}", "def", false)]
    [InlineData("${EMPTY:-def}", "def", false)]
    [InlineData("${EMPTY-def}", "", false)]
    [InlineData("${A:+alt}", "alt", false)]
    [InlineData("${EMPTY:+alt}", "", false)]
    [InlineData("${EMPTY+alt}", "alt", false)]
    [InlineData("${UNSET+alt}", "", false)]
    [InlineData("${UNSET:-$A/x}", "alpha/x", false)]
    [InlineData("${UNSET:-$OTHER}", "\u0001", true)]
    [InlineData("$UNSET/x", "\u0001/x", true)]
    [InlineData("'$A'", "$A", false)]
    [InlineData("\"$A\"", "alpha", false)]
    [InlineData("\"it's $A\"", "it's alpha", false)]
    [InlineData("'say \"$A\"'", "say \"$A\"", false)]
    [InlineData("a\\$A", "a$A", false)]
    [InlineData("a\\\\b", "a\\b", false)]
    [InlineData("\\\"quoted\\\"", "\"quoted\"", false)]
    [InlineData("'a\\'", "a\\", false)]
    [InlineData("\"a\\\"b\"", "a\"b", false)]
    [InlineData("abc\\", "abc\\", false)]
    [InlineData("$", "$", false)]
    [InlineData("a$", "a$", false)]
    [InlineData("$-x", "$-x", false)]
    [InlineData("${unclosed", "${unclosed", false)]
    [InlineData("${A", "${A", false)]
    [InlineData("${UNSET:-x", "${UNSET:-x", false)]
    [InlineData("${A}}", "alpha}", false)]
    [InlineData("x${A}${A:-y}z", "xalphaalphaz", false)]
    [InlineData("${UNSET:-}", "", false)]
    [InlineData("x${A}y${PATHY}z", "xalphay/usr/local/goz", false)]
    [InlineData("x\0y", "xy", false)]
    [InlineData("pre 'q $A' \"$A\" \\\"x post!", "pre q $A alpha \"x post!", false)]
    [InlineData("$QUOTED", "\"x\"", false)]
    [InlineData("\"unterminated $A", "unterminated alpha", false)]
    [InlineData("a b\tc # d % & ( ) !", "a b\tc # d % & ( ) !", false)]
    [InlineData("'' \"\"", " ", false)]
    [InlineData("\\'$A\\'", "'alpha'", false)]
    [InlineData("$A_1/$A-1/$A@/$A[0]/$A`/$A{/$A:", "one/alpha-1/alpha@/alpha[0]/alpha`/alpha{/alpha:", false)]
    [InlineData("$\u00c4z ${\u00c4z}", "umlaut umlaut", false)]
    [InlineData("$Az", "\u0001", true)]
    public void Words_are_evaluated_as_buildkit_does(string raw, string expected, bool expectedUnknown)
    {
        Assert.Equal(expected, VariableExpander.Expand(raw, '\\', Lookup, out var unknown));
        Assert.Equal(expectedUnknown, unknown);

        // Read where it lies in a line, with characters on both sides that are no part of it.
        var line = "$'" + raw + "\\$";
        Assert.Equal(expected, VariableExpander.ExpandInPlace(line.AsSpan(2, raw.Length), '\\', Lookup, out var unknownInPlace).ToString());
        Assert.Equal(expectedUnknown, unknownInPlace);

        // A long word, which is searched for the characters that change it rather than looked at one by one.
        var padding = new string('x', 40);
        Assert.Equal(padding + expected, VariableExpander.Expand(padding + raw, '\\', Lookup, out var unknownLong));
        Assert.Equal(expectedUnknown, unknownLong);
    }

    [Theory]
    [InlineData("a`$A", "a$A")]
    [InlineData("a\\$A", "a\\alpha")]
    [InlineData("C:\\path\\$A", "C:\\path\\alpha")]
    [InlineData("``", "`")]
    [InlineData("`\"x`\"", "\"x\"")]
    public void The_escape_character_is_the_files(string raw, string expected)
    {
        Assert.Equal(expected, VariableExpander.Expand(raw, '`', Lookup, out _));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("/usr/local/bin")]
    [InlineData("a b c!")]
    [InlineData("trailing$")]
    [InlineData("trailing\\")]
    [InlineData("")]
    [InlineData("a-word-long-enough-to-be-searched-rather-than-read-one-by-one$")]
    [InlineData("a-word-long-enough-to-be-searched-rather-than-read-one-by-one\\")]
    public void Words_with_nothing_to_evaluate_are_their_own_value(string raw)
    {
        Assert.Same(raw, VariableExpander.Expand(raw, '\\', Lookup, out var unknown));
        Assert.False(unknown);

        // Read where it lies, the value is the word's own characters.
        var line = "$" + raw + "$";
        Assert.True(VariableExpander.ExpandInPlace(line.AsSpan(1, raw.Length), '\\', Lookup, out unknown) == line.AsSpan(1, raw.Length));
        Assert.False(unknown);
    }

    [Theory]
    [InlineData('"', true)]
    [InlineData('\'', true)]
    [InlineData('\\', true)]
    [InlineData('\0', true)]
    [InlineData('(', false)]
    [InlineData(' ', false)]
    [InlineData('[', false)]
    [InlineData('\u8000', false)]
    [InlineData('\uFFFF', false)]
    public void A_character_is_found_wherever_it_lies_in_words_of_any_length(char character, bool dropped)
    {
        // Every length up to past two vectors of the widest lanes, and every place but the last (where an escape is
        // taken as it is): the vector, four-character and one-character steps each meet it. A quote, an escape or a
        // NUL is dropped (an unclosed quote takes the rest as it is); the others are taken as they are.
        for (var length = 2; length <= 40; length++)
        {
            for (var at = 0; at < length - 1; at++)
            {
                var raw = new string('a', at) + character + new string('b', length - at - 1);
                var value = VariableExpander.ExpandInPlace(raw.AsSpan(), '\\', Lookup, out var unknown).ToString();
                Assert.Equal(dropped ? raw.Remove(at, 1) : raw, value);
                Assert.False(unknown);
            }
        }
    }

    [Fact]
    public void Values_longer_than_the_limit_are_unknown()
    {
        var raw = "\"" + new string('x', VariableExpander.MaxValueLength + 1) + "\"";
        Assert.Equal(VariableExpander.UnknownMarkerText, VariableExpander.Expand(raw, '\\', Lookup, out var unknown));
        Assert.True(unknown);
    }

    private sealed class Variables : IVariableLookup
    {
        private readonly Dictionary<string, string?> _values;

        public Variables(Dictionary<string, string?> values)
        {
            _values = values;
        }

        public string? Lookup(ReadOnlySpan<char> name) => _values.TryGetValue(name.ToString(), out var value) ? value : null;
    }
}
