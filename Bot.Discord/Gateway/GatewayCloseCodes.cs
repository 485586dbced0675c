namespace Bot.Discord.Gateway;

/// <summary>What to do after the gateway closed with a code (Discord's close-code table).</summary>
internal static class GatewayCloseCodes
{
    /// <summary>The code we close with when we mean to resume (any code but 1000/1001 keeps the session).</summary>
    public const int Resuming = 4200;

    public static GatewayNext Classify(int? code) => code switch
    {
        4004 or 4010 or 4011 or 4012 or 4013 or 4014 => GatewayNext.Stop,
        4003 or 4007 or 4009 => GatewayNext.Identify,
        _ => GatewayNext.Resume,
    };

    public static string Meaning(int? code) => code switch
    {
        null => "dropped without a close code",
        4000 => "unknown error",
        4001 => "unknown opcode",
        4002 => "decode error",
        4003 => "not authenticated",
        4004 => "authentication failed: Discord:Token is wrong or was reset",
        4005 => "already authenticated",
        4007 => "invalid sequence on resume",
        4008 => "rate limited",
        4009 => "session timed out",
        4010 => "invalid shard",
        4011 => "sharding required",
        4012 => "invalid API version",
        4013 => "invalid intents",
        4014 => "disallowed intents: a privileged intent is not enabled for this application",
        _ => "close code " + code,
    };
}

/// <summary>After a connection ends: resume the session, identify a new one, or stop for good.</summary>
internal enum GatewayNext
{
    Resume,
    Identify,
    Stop,
}
