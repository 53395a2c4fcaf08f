using System.Diagnostics;

// A small worker that settles orders on a timer until it is stopped.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

var settled = 0;
var clock = Stopwatch.StartNew();
while (!stop.IsCancellationRequested)
{
    settled++;
    Console.WriteLine($"settled batch {settled} after {clock.Elapsed:mm\\:ss}");
    try
    {
        await Task.Delay(TimeSpan.FromSeconds(5), stop.Token);
    }
    catch (OperationCanceledException)
    {
        break;
    }
}
