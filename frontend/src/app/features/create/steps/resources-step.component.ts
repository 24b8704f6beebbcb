import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  untracked,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { switchMap } from 'rxjs';
import { BytesPipe } from '../../../shared/format/format.pipes';
import { diskFits } from '../create-request';
import { CreateStore } from '../create.store';

type IdentityGroup = FormGroup<{ hostname: FormControl<string> }>;
type ResourcesGroup = FormGroup<{
  cores: FormControl<number>;
  memory: FormControl<number>;
  swap: FormControl<number>;
  disk: FormControl<number>;
  storage: FormControl<string>;
}>;

@Component({
  selector: 'pc-resources-step',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
    MatIconModule,
    MatProgressSpinnerModule,
    BytesPipe,
  ],
  templateUrl: './resources-step.component.html',
  styleUrl: './steps.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResourcesStepComponent {
  protected readonly store = inject(CreateStore);

  readonly identity = input.required<IdentityGroup>();
  readonly resources = input.required<ResourcesGroup>();
  readonly suggest = output<void>();

  private readonly resourceValue = toSignal(
    toObservable(this.resources).pipe(switchMap((group) => group.valueChanges)),
  );
  protected readonly selectedStorage = computed(() => {
    const name = this.resourceValue()?.storage ?? this.resources().controls.storage.value;
    return this.store.storages().find((s) => s.storage === name) ?? null;
  });
  protected readonly diskTooBig = computed(() => {
    const disk = this.resourceValue()?.disk ?? this.resources().controls.disk.value;
    return !diskFits(disk, this.selectedStorage()?.avail);
  });

  constructor() {
    // Default to the storage with most free space once the node's storages are known.
    effect(() => {
      const storages = this.store.storages();
      const control = untracked(() => this.resources().controls.storage);
      if (!storages.some((s) => s.storage === control.value)) {
        control.setValue(storages[0]?.storage ?? '');
      }
    });
  }
}
