using CodeSight.Contracts.Ids;

namespace CodeSight.Server.Web.Protocol;

/// <summary>
/// One streamed item, serialized once for every client, with the fields subscription filters look at.
/// </summary>
/// <param name="Kind">What it is.</param>
/// <param name="Json">The whole server message, UTF-8 JSON.</param>
/// <param name="Modality">The modality's wire name, for observations and alerts of a known point.</param>
/// <param name="SightPoint">The sight point, for observations and alerts.</param>
/// <param name="Trail">The trail, when the item belongs to one.</param>
/// <param name="Name">What a name filter matches: the probe or root name, or the observation's target.</param>
internal sealed record LiveItem(LiveKind Kind, byte[] Json, string? Modality, string? SightPoint, TrailId? Trail, string Name);
