using DockerGoBuild.Dockerfiles.Semantics;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Semantics;

public class SegmentBufferTests
{
    [Fact]
    public void Pieces_are_contiguous_and_never_overlap()
    {
        var buffer = new SegmentBuffer<string>(8);

        var first = buffer.Take(5, out var firstStart);
        var second = buffer.Take(3, out var secondStart);
        var third = buffer.Take(4, out var thirdStart);

        Assert.Same(first, second);
        Assert.Equal((0, 5), (firstStart, secondStart));
        Assert.NotSame(first, third);
        Assert.Equal(0, thirdStart);
    }

    [Fact]
    public void A_piece_longer_than_a_segment_gets_its_own_array()
    {
        var buffer = new SegmentBuffer<int>(8);
        var small = buffer.Take(2, out _);

        var large = buffer.Take(20, out var start);

        Assert.Equal((20, 0), (large.Length, start));
        Assert.Same(small, buffer.Take(6, out var next));
        Assert.Equal(2, next);
    }

    [Fact]
    public void Cleared_segments_are_reused_empty()
    {
        var buffer = new SegmentBuffer<string>(4);
        var segment = buffer.Take(3, out _);
        segment[0] = segment[1] = segment[2] = "kept alive?";

        buffer.Clear();
        var again = buffer.Take(4, out var start);

        Assert.Same(segment, again);
        Assert.Equal(0, start);
        Assert.All(again, Assert.Null);
    }
}
