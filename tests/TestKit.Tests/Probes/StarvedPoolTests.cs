using CodeSight.TestKit.Tests.Support;
using Xunit;

namespace CodeSight.TestKit.Tests.Probes;

[Collection(SerialCollection.Name)]
public sealed class StarvedPoolTests : TestKit
{
    [Fact]
    public void AnExpectationPassesWhileEveryPoolThreadIsBlocked()
    {
        ThreadPool.GetMinThreads(out var minWorkers, out var minIo);
        ThreadPool.GetMaxThreads(out var maxWorkers, out var maxIo);
        var workers = Environment.ProcessorCount;
        // Not disposed: pool work items may still touch them after a failed assertion.
        var release = new ManualResetEventSlim();
        var poolRanSomethingElse = new ManualResetEventSlim();
        try
        {
            Assert.True(ThreadPool.SetMinThreads(workers, minIo));
            Assert.True(ThreadPool.SetMaxThreads(workers, maxIo));
            // Queue blocking items one by one until one does not start: then every worker the pool may use is busy
            // (some may already be, e.g. the one running this test).
            var saturated = false;
            for (var i = 0; i < workers + 2 && !saturated; i++)
            {
                var started = new ManualResetEventSlim();
                ThreadPool.UnsafeQueueUserWorkItem(_ =>
                {
                    started.Set();
                    release.Wait();
                }, null);
                saturated = !started.Wait(TimeSpan.FromSeconds(1));
            }
            Assert.True(saturated, "could not starve the pool");
            ThreadPool.UnsafeQueueUserWorkItem(_ => poolRanSomethingElse.Set(), null);

            var sender = new Thread(() => TestActor.Tell("through a starved pool", null)) { IsBackground = true };
            sender.Start();
            ExpectMsg("through a starved pool", TimeSpan.FromSeconds(5));

            Assert.False(poolRanSomethingElse.IsSet, "the pool was not starved after all, so this test proved nothing");
            Assert.True(sender.Join(TimeSpan.FromSeconds(5)));
        }
        finally
        {
            release.Set();
            ThreadPool.SetMaxThreads(maxWorkers, maxIo);
            ThreadPool.SetMinThreads(minWorkers, minIo);
        }
    }
}
