{* The client's IPs per service (vars from routerbridgeaddon_clientarea). WHMCS does not escape: every value is escaped here. *}
<div class="routerbridge routerbridge-ips text-left">
    {if $errorMessage}
        <div class="alert alert-danger">{$errorMessage|escape:'html'}</div>
    {/if}
    {if $successMessage}
        <div class="alert alert-success">{$successMessage|escape:'html'}</div>
    {/if}
    {if !$services && !$errorMessage}
        <div class="alert alert-info">You have no services yet, so no IP addresses either.</div>
    {/if}
    {foreach $services as $service}
        <div class="panel panel-default card mb-3 routerbridge-service" id="routerbridge-service-{$service.serviceId|escape:'html'}">
            <div class="panel-heading card-header">
                <h3 class="panel-title card-title mb-0">
                    {$service.product|escape:'html'}{if $service.domain} &ndash; {$service.domain|escape:'html'}{/if}
                    <small class="text-muted">#{$service.serviceId|escape:'html'}</small>
                    {if $service.status eq 'Active'}
                        <span class="label label-success">{$service.status|escape:'html'}</span>
                    {elseif $service.status eq 'Pending' || $service.status eq 'Suspended'}
                        <span class="label label-warning">{$service.status|escape:'html'}</span>
                    {else}
                        <span class="label label-default">{$service.status|escape:'html'}</span>
                    {/if}
                </h3>
            </div>
            <table class="table table-striped mb-0">
                <thead>
                    <tr>
                        <th>IP address</th>
                        <th>Type</th>
                        <th class="text-right"></th>
                    </tr>
                </thead>
                <tbody>
                    {foreach $service.addresses as $address}
                        <tr class="routerbridge-address">
                            <td><code>{$address.address|escape:'html'}</code></td>
                            <td>{if $address.family eq 'ipv6'}IPv6{else}IPv4{/if}{if ($address.family eq 'ipv4' && $address.prefixLength < 32) || ($address.family eq 'ipv6' && $address.prefixLength < 128)} prefix /{$address.prefixLength|escape:'html'}{/if}</td>
                            <td class="text-right">
                                {if $address.unassignable}
                                    <form method="post" action="{$modulelink|escape:'html'}" class="routerbridge-unassign"
                                          onsubmit="return confirm('Unassign {$address.address|escape:'javascript'|escape:'html'} from this service? It is removed from the server and can no longer be used.');">
                                        <input type="hidden" name="token" value="{$token|escape:'html'}">
                                        <input type="hidden" name="action" value="unassign">
                                        <input type="hidden" name="serviceid" value="{$service.serviceId|escape:'html'}">
                                        <input type="hidden" name="assignmentid" value="{$address.assignmentId|escape:'html'}">
                                        <button type="submit" class="btn btn-danger btn-xs btn-sm">Unassign</button>
                                    </form>
                                {/if}
                            </td>
                        </tr>
                    {foreachelse}
                        <tr>
                            <td colspan="3" class="text-muted">
                                {if $service.dedicatedIp}Dedicated IP {$service.dedicatedIp|escape:'html'} (not managed here){else}No IP addresses.{/if}
                            </td>
                        </tr>
                    {/foreach}
                </tbody>
            </table>
            {if $service.routerManaged && $service.addresses}
                <div class="panel-footer card-footer text-muted small">These addresses are part of the service's network configuration and are released when the service ends.</div>
            {/if}
        </div>
    {/foreach}
</div>
