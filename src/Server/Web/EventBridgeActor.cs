using CodeSight.Actors;
using CodeSight.Actors.Events;
using CodeSight.Contracts.Messages;
using CodeSight.Contracts.Observations;
using CodeSight.Contracts.Signals;
using CodeSight.Engine.Sight;
using CodeSight.Server.Web.Protocol;

namespace CodeSight.Server.Web;

/// <summary>
/// The server's subscriber on the event stream: serializes each signal, observation, alert and completed trail once
/// and hands it to the <see cref="LiveHub"/>, which fans it out without waiting on any client.
/// </summary>
internal sealed class EventBridgeActor : ReceiveActor
{
    private readonly LiveHub _hub;

    public EventBridgeActor(LiveHub hub, SightRegistry sight)
    {
        _hub = hub;
        Receive<Signal>(signal => _hub.Publish(WireWriter.Signal(signal)));
        Receive<TrailCompleted>(trail => _hub.Publish(WireWriter.Trail(trail)));
        Receive<Observation>(observation =>
        {
            _hub.NoteObservation(observation);
            _hub.Publish(WireWriter.Observation(observation));
        });
        Receive<SightAlert>(alert =>
            _hub.Publish(WireWriter.Alert(alert, sight.TryGetPoint(alert.Point, out var point) ? point.Modality : null)));
    }

    /// <summary>
    /// Subscribes <paramref name="bridge"/> to everything it streams. Called by whoever starts the bridge, right after
    /// <c>ActorOf</c>: subscribing in <c>PreStart</c> would run later, on the actor's thread, and miss what the host
    /// records in between.
    /// </summary>
    public static void Subscribe(EventStream events, IActorRef bridge)
    {
        events.Subscribe<Signal>(bridge);
        events.Subscribe<TrailCompleted>(bridge);
        events.Subscribe<Observation>(bridge);
        events.Subscribe<SightAlert>(bridge);
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
