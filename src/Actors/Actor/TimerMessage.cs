namespace CodeSight.Actors;

/// <summary>The envelope a timer sends; the cell unwraps it or drops it when the timer was cancelled meanwhile.</summary>
internal sealed record TimerMessage(object Key, int Generation, object Message);
