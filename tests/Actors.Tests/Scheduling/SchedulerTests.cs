using Xunit;

namespace CodeSight.Actors.Tests.Scheduling;

public sealed class SchedulerTests : TestKit.TestKit
{
    [Fact]
    public void ScheduleTellOnceDeliversAfterTheDelay()
    {
        Within(TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(3), () =>
        {
            Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(150), TestActor, "later", null);
            ExpectMsg("later");
        });
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void ScheduleTellRepeatedlyKeepsDeliveringUntilCancelled()
    {
        var task = Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.Zero, TimeSpan.FromMilliseconds(20), TestActor, "tick", null);
        ExpectMsg("tick");
        ExpectMsg("tick");
        ExpectMsg("tick");
        task.Cancel();
        Assert.True(task.IsCancellationRequested);
        ReceiveWhile<string>(idle: TimeSpan.FromMilliseconds(100)); // at most one tick may have been in flight
        ExpectNoMsg(TimeSpan.FromMilliseconds(150));
    }

    [Fact]
    public void ACancelledTellIsNeverDelivered()
    {
        var task = Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(100), TestActor, "never", null);
        task.Cancel();
        ExpectNoMsg(TimeSpan.FromMilliseconds(250));
    }

    [Fact]
    public void ScheduledActionsRun()
    {
        var probe = TestActor;
        Sys.Scheduler.ScheduleOnce(TimeSpan.FromMilliseconds(10), () => probe.Tell("ran", null));
        ExpectMsg("ran");
    }

    [Fact]
    public void NegativeDelaysAreRejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(-1), TestActor, "x", null));
        Assert.Contains("must not be negative", e.Message);
    }
}
