<div class="routerbridge text-left">
    <div class="alert alert-info">{$message|escape:'html'}</div>
</div>
