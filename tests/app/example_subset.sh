# Sourced by the end-to-end checks: every k-th frame of the bundled example data set.
# Every frame of the example has the same number of atoms: n + 2 lines per frame.
example_frame_lines() {  # source_dir
  echo $(( $(head -n 1 "$1/inputs/example/sio2_meltquench.xyz") + 2 ))
}

example_subset() {  # source_dir, k, output file
  awk -v lines="$(example_frame_lines "$1")" -v k="$2" 'BEGIN { frame = -1 } NR % lines == 1 { frame++ } frame % k == 0' \
      "$1/inputs/example/sio2_meltquench.xyz" > "$3"
}
