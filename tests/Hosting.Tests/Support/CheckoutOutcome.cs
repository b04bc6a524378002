using CodeSight.Contracts.Ids;
using CodeSight.Engine.Recording;

namespace CodeSight.Hosting.Tests.Support;

/// <summary>The ids <see cref="CheckoutWorker"/> recorded, for the test to look for afterwards.</summary>
internal sealed class CheckoutOutcome
{
    public TrailId Trail { get; private set; }

    public ProbeId Root { get; private set; }

    public ProbeId Charge { get; private set; }

    public void Record(ProbeHandle root, ProbeHandle charge)
    {
        Trail = root.TrailId;
        Root = root.Id;
        Charge = charge.Id;
    }
}
