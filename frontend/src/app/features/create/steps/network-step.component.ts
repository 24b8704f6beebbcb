import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { startWith, switchMap } from 'rxjs';
import { Ipv4Mode, Ipv6Mode } from '../create-request';

type NetworkGroup = FormGroup<{
  bridge: FormControl<string>;
  ipv4Mode: FormControl<Ipv4Mode>;
  ip: FormControl<string>;
  gateway: FormControl<string>;
  ipv6Mode: FormControl<Ipv6Mode>;
  ip6: FormControl<string>;
  gateway6: FormControl<string>;
  vlan: FormControl<number | null>;
}>;

@Component({
  selector: 'pc-network-step',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonToggleModule],
  template: `
    <div [formGroup]="form()">
      <div class="fields">
        <mat-form-field appearance="outline">
          <mat-label>Bridge</mat-label>
          <input matInput formControlName="bridge" />
          <mat-error>An interface name such as vmbr0</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>VLAN tag</mat-label>
          <input
            matInput
            type="number"
            min="1"
            max="4094"
            formControlName="vlan"
            placeholder="none"
          />
          <mat-error>From 1 to 4094</mat-error>
        </mat-form-field>
      </div>

      <h3>IPv4</h3>
      <mat-button-toggle-group formControlName="ipv4Mode" aria-label="IPv4 mode">
        <mat-button-toggle value="dhcp">DHCP</mat-button-toggle>
        <mat-button-toggle value="static">Static</mat-button-toggle>
      </mat-button-toggle-group>
      @if (value()?.ipv4Mode === 'static') {
        <div class="fields">
          <mat-form-field appearance="outline">
            <mat-label>Address / prefix</mat-label>
            <input matInput formControlName="ip" placeholder="192.168.1.50/24" />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Gateway</mat-label>
            <input matInput formControlName="gateway" placeholder="192.168.1.1" />
          </mat-form-field>
        </div>
        @if (form().errors?.['ip']; as message) {
          <p class="error">{{ message }}</p>
        }
        @if (form().errors?.['gateway']; as message) {
          <p class="error">{{ message }}</p>
        }
      }

      <h3>IPv6</h3>
      <mat-button-toggle-group formControlName="ipv6Mode" aria-label="IPv6 mode">
        <mat-button-toggle value="none">None</mat-button-toggle>
        <mat-button-toggle value="auto">SLAAC</mat-button-toggle>
        <mat-button-toggle value="dhcp">DHCPv6</mat-button-toggle>
        <mat-button-toggle value="static">Static</mat-button-toggle>
      </mat-button-toggle-group>
      @if (value()?.ipv6Mode === 'static') {
        <div class="fields">
          <mat-form-field appearance="outline">
            <mat-label>Address / prefix</mat-label>
            <input matInput formControlName="ip6" placeholder="fd00::50/64" />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Gateway</mat-label>
            <input matInput formControlName="gateway6" placeholder="fd00::1" />
          </mat-form-field>
        </div>
        @if (form().errors?.['ip6']; as message) {
          <p class="error">{{ message }}</p>
        }
        @if (form().errors?.['gateway6']; as message) {
          <p class="error">{{ message }}</p>
        }
      }
    </div>
  `,
  styleUrl: './steps.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NetworkStepComponent {
  readonly form = input.required<NetworkGroup>();
  protected readonly value = toSignal(
    toObservable(this.form).pipe(
      switchMap((group) => group.valueChanges.pipe(startWith(group.getRawValue()))),
    ),
  );
}
